import Foundation
import PatchbayEgress
import XCTest

/// The address registry the egress and the push side share, and the operator's opt-ins.
final class AddressPolicyTests: XCTestCase {
    /// Known answers for every block of IANA's IPv4 and IPv6 special-purpose registries (a
    /// first, a middle and a last address where it matters), multicast, and public neighbours
    /// just outside them.
    func testTheSpecialPurposeRegistriesKnownAnswers() throws {
        let table: [(String, String?)] = [
            // IPv4, public
            ("8.8.8.8", nil), ("1.1.1.1", nil), ("93.184.215.14", nil), ("172.32.0.1", nil), ("172.15.255.255", nil),
            ("100.63.255.255", nil), ("100.128.0.0", nil), ("198.17.255.255", nil), ("198.20.0.0", nil), ("192.0.1.1", nil),
            ("192.0.3.1", nil), ("198.51.99.1", nil), ("203.0.112.1", nil), ("223.255.255.255", nil), ("11.0.0.1", nil),
            // IPv4 special-purpose
            ("0.0.0.0", "unspecified"), ("0.1.2.3", "this network"), ("0.255.255.255", "this network"),
            ("10.0.0.0", "private"), ("10.255.255.255", "private"), ("100.64.0.1", "shared (carrier-grade NAT)"),
            ("100.127.255.255", "shared (carrier-grade NAT)"), ("127.0.0.1", "loopback"), ("127.9.9.9", "loopback"),
            ("169.254.169.254", "link-local"), ("169.254.0.1", "link-local"), ("172.16.0.1", "private"), ("172.31.255.255", "private"),
            ("192.0.0.1", "IETF protocol assignments"), ("192.0.0.170", "IETF protocol assignments"),
            ("192.0.2.1", "documentation"), ("192.31.196.1", "AS112"), ("192.52.193.1", "AMT"),
            ("192.88.99.1", "6to4 relay anycast"), ("192.168.0.1", "private"), ("192.168.255.255", "private"),
            ("192.175.48.1", "AS112"), ("198.18.0.1", "benchmarking"), ("198.19.255.255", "benchmarking"),
            ("198.51.100.7", "documentation"), ("203.0.113.10", "documentation"), ("224.0.0.251", "multicast"),
            ("239.255.255.255", "multicast"), ("240.0.0.1", "reserved"), ("255.255.255.254", "reserved"),
            ("255.255.255.255", "limited broadcast"),
            // IPv6, public
            ("2606:4700::1111", nil), ("2001:4860:4860::8888", nil), ("2001:200::1", nil), ("2a00:1450::1", nil),
            ("::ffff:8.8.8.8", nil), ("64:ff9b::808:808", nil), ("2002:808:808::1", nil), ("2001:db9::1", nil),
            // IPv6 special-purpose
            ("::", "unspecified"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"), ("::ffff:10.0.0.1", "private"),
            ("::ffff:169.254.169.254", "link-local"), ("::ffff:198.18.0.1", "benchmarking"), ("64:ff9b::7f00:1", "loopback"),
            ("64:ff9b::a9fe:a9fe", "link-local"), ("64:ff9b:1::1", "local-use IPv4/IPv6 translation"),
            ("100::1", "discard-only"), ("100:0:0:1::1", "dummy prefix"), ("2001::1", "IETF protocol assignments"),
            ("2001:2::1", "IETF protocol assignments"), ("2001:1ff:ffff::1", "IETF protocol assignments"),
            ("2001:db8::1", "documentation"), ("2001:db8:ffff::1", "documentation"), ("2002:7f00:1::1", "loopback"),
            ("2002:a00:1::1", "private"), ("2620:4f:8000::1", "AS112"), ("3fff::1", "documentation"),
            ("5f00::1", "segment routing"), ("fc00::1", "unique-local"), ("fdff::1", "unique-local"),
            ("fe80::1", "link-local"), ("febf::1", "link-local"), ("fec0::1", "site-local"), ("ff02::1", "multicast"),
            ("ff0e::1", "multicast"), ("::7f00:1", "reserved"), ("::ffff:0:7f00:1", "reserved"), ("4000::1", "reserved"),
            ("e000::1", "reserved"),
        ]
        for (text, kind) in table {
            let address = try XCTUnwrap(IPAddress(text), text)
            XCTAssertEqual(address.nonPublicKind, kind, text)
        }
        XCTAssertEqual(IPAddress("[::1]")?.description, "::1")
        XCTAssertNil(IPAddress("example.com"))
        XCTAssertNil(IPAddress("2130706433"), "not a literal: it is resolved, and then checked")
    }

    func testBlocksParseAndContain() throws {
        let block = try XCTUnwrap(AddressBlock("10.0.0.0/8"))
        XCTAssertTrue(block.contains(try XCTUnwrap(IPAddress("10.200.3.4"))))
        XCTAssertFalse(block.contains(try XCTUnwrap(IPAddress("11.0.0.1"))))
        XCTAssertFalse(block.contains(try XCTUnwrap(IPAddress("::ffff:10.0.0.1"))), "families do not mix")
        XCTAssertTrue(try XCTUnwrap(AddressBlock("fd00::/8")).contains(try XCTUnwrap(IPAddress("fd12::1"))))
        XCTAssertTrue(try XCTUnwrap(AddressBlock("192.168.1.7")).contains(try XCTUnwrap(IPAddress("192.168.1.7"))), "an address is a block of one")
        XCTAssertTrue(try XCTUnwrap(AddressBlock("0.0.0.0/0")).contains(try XCTUnwrap(IPAddress("8.8.8.8"))))
        for bad in ["10.0.0.0/33", "10.0.0.1/8", "10.0.0.0/", "10.0.0.0/x", "10.0.0/8", "fd00::/129", "", "/8"] {
            XCTAssertNil(AddressBlock(bad), bad)
        }
    }

    func testAllowEntriesAreRangesAddressesOrNamesAndAnythingElseIsRefused() throws {
        var policy = AddressPolicy()
        try policy.allow("10.0.0.0/8")
        try policy.allow(" fd00::/8 ")
        try policy.allow("127.0.0.1")
        try policy.allow("DB.Internal")
        XCTAssertNil(policy.refusal(of: try XCTUnwrap(IPAddress("10.1.2.3"))))
        XCTAssertNil(policy.refusal(of: try XCTUnwrap(IPAddress("fd00::5"))))
        XCTAssertNil(policy.refusal(of: try XCTUnwrap(IPAddress("127.0.0.1"))))
        XCTAssertEqual(policy.refusal(of: try XCTUnwrap(IPAddress("127.0.0.2"))), "loopback")
        XCTAssertEqual(policy.refusal(of: try XCTUnwrap(IPAddress("169.254.169.254"))), "link-local")
        XCTAssertTrue(policy.trusts(host: "db.internal", port: 5432))
        XCTAssertFalse(policy.trusts(host: "other.internal", port: 5432))

        for bad in ["10.0.0.0/33", "10.0.0.1/8", "300.1.2.3/8", "db.internal:5432", "http://10.0.0.1", "-bad-.example", "a..b"] {
            var policy = AddressPolicy()
            XCTAssertThrowsError(try policy.allow(bad), bad) { error in
                XCTAssertEqual(String(describing: error),
                               "--allow-egress \"\(bad)\" is not a CIDR block (10.0.0.0/8, fd00::/8), an address or a host name")
            }
        }
    }

    func testAnUpstreamOverrideIsTrustedOnItsOwnPortOnly() async throws {
        var policy = AddressPolicy()
        policy.trust(try XCTUnwrap(URL(string: "http://127.0.0.1:4010/slack/api")))
        let verdict = try await policy.vet(host: "127.0.0.1", port: 4010) { _ in nil }
        XCTAssertEqual(verdict, .asWritten)
        do {
            _ = try await policy.vet(host: "127.0.0.1", port: 22) { _ in nil }
            XCTFail("another port of the same address is not the operator's upstream")
        } catch let refusal as AddressRefusal {
            XCTAssertEqual(refusal.description, "127.0.0.1 is loopback")
        }
    }

    /// A name passes only when every address it resolves to does, and is pinned to one of them.
    func testANameIsCheckedOnEveryAnswerAndPinned() async throws {
        let policy = AddressPolicy()
        let answers: [String: [IPAddress]] = [
            "public.test": [IPAddress("93.184.215.14")!, IPAddress("2606:2800:21f::1")!],
            "rebinding.test": [IPAddress("93.184.215.14")!, IPAddress("169.254.169.254")!],
        ]
        let lookup: (String) async throws -> [IPAddress]? = { answers[$0] }
        let pinned = try await policy.vet(host: "public.test", port: 443, lookup: lookup)
        XCTAssertEqual(pinned, .pinned(IPAddress("93.184.215.14")!))
        do {
            _ = try await policy.vet(host: "rebinding.test", port: 443, lookup: lookup)
            XCTFail("one inward answer among public ones passed")
        } catch let refusal as AddressRefusal {
            XCTAssertEqual(refusal.description, "rebinding.test resolves to 169.254.169.254 (link-local)")
        }
        do {
            _ = try await policy.vet(host: "nowhere.test", port: 443, lookup: lookup)
            XCTFail("an unresolvable name passed")
        } catch let refusal as AddressRefusal {
            XCTAssertEqual(refusal, .unresolved(host: "nowhere.test"))
        }
    }
}

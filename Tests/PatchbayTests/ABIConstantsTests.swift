import Foundation
@testable import PatchbayServices
import PatchbayWire
import XCTest

/// The header's named constants are what C and Rust plugins compile against: each must say
/// what the host and the Swift SDK actually send and expect, and the Rust example's copy of
/// the header must not drift from it.
final class ABIConstantsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `#define PB_NAME value` lines of the header, by name, values as written.
    func headerDefines() throws -> [String: String] {
        let text = try String(contentsOf: Self.root.appendingPathComponent("SDK/PatchbayABI/include/patchbay_abi.h"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"^#define (PB_[A-Z0-9_]+) ("[^"]*"|[0-9A-Fa-fx]+u?)"#, options: .anchorsMatchLines)
        var defines: [String: String] = [:]
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            defines[String(text[Range(match.range(at: 1), in: text)!])] = String(text[Range(match.range(at: 2), in: text)!])
        }
        return defines
    }

    func strings(_ defines: [String: String], prefix: String, excluding other: String? = nil) -> [String: String] {
        defines.filter { $0.key.hasPrefix(prefix) && $0.value.hasPrefix("\"") && !(other.map($0.key.hasPrefix) ?? false) }
            .mapValues { String($0.dropFirst().dropLast()) }
    }

    func testMethodConstantsAreTheMethodsTheHostCalls() throws {
        let methods = strings(try headerDefines(), prefix: "PB_METHOD_")
        XCTAssertEqual(Set(methods.values), Set(PluginMethod.allCases.map(\.rawValue)))
    }

    func testCallKeysAreTheMembersOfACallPayload() throws {
        let keys = strings(try headerDefines(), prefix: "PB_CALL_")
        let call = PluginCall(action: "a", input: [:], config: [:], credentials: ["k": "v"],
                              webhook: InboundWebhook(headers: [:], body: ""),
                              checkedAddresses: ["f": "203.0.113.5"], connectionID: "conn_1")
        guard case .object(let members) = call.wire else { return XCTFail("a call is an object") }
        XCTAssertEqual(Set(keys.values), Set(members.keys))
    }

    func testErrorKeysAreTheMembersOfAnError() throws {
        let keys = strings(try headerDefines(), prefix: "PB_ERROR_KEY_")
        let error = PluginError(code: "c", message: "m", retryable: true, upstreamStatus: 500, field: "f", details: ["x": 1])
        guard case .object(let members) = error.wire else { return XCTFail("an error is an object") }
        XCTAssertEqual(Set(keys.values), Set(members.keys))
    }

    /// The header says what the API answers for each code a plugin completes with; hold the host to it.
    func testErrorCodesHaveTheMeaningTheHeaderGives() throws {
        let codes = strings(try headerDefines(), prefix: "PB_ERROR_", excluding: "PB_ERROR_KEY_")
        let expected: [String: ServiceError.Kind] = [
            "PB_ERROR_INVALID_INPUT": .badRequest,
            "PB_ERROR_RATE_LIMITED": .throttled,
            "PB_ERROR_UNSUPPORTED_METHOD": .upstreamFailed,
            "PB_ERROR_INVALID_CALL": .upstreamFailed,
            "PB_ERROR_UPSTREAM_INVALID_RESPONSE": .upstreamFailed,
            "PB_ERROR_CANCELLED": .upstreamFailed,
            "PB_ERROR_PLUGIN_ERROR": .upstreamFailed,
        ]
        XCTAssertEqual(Set(codes.keys), Set(expected.keys), "every code the header names has a meaning checked here")
        for (name, code) in codes {
            let refusal = ExecutionService.serviceError(for: PluginError(code: code, message: "m"), executionID: nil, secrets: [])
            XCTAssertEqual(refusal.kind, expected[name], name)
            XCTAssertEqual(refusal.code, code, "the API passes \(name) on as it is")
        }
        let providers = ExecutionService.serviceError(for: PluginError(code: "channel_not_found", message: "m", upstreamStatus: 404),
                                                      executionID: nil, secrets: [])
        XCTAssertEqual(providers.kind, .upstreamRejected, "a provider's own code is a refusal: 422")
    }

    /// The Rust example declares the header by hand (std only, no bindgen): every constant the
    /// header defines is there with the same value.
    func testRustDeclarationsMatchTheHeader() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Providers/Examples/RustUptime/src/abi.rs"), encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"^pub const (PB_[A-Z0-9_]+): [^=]+= ("[^"]*"|[0-9A-Fa-fx]+);"#, options: .anchorsMatchLines)
        var rust: [String: String] = [:]
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            rust[String(text[Range(match.range(at: 1), in: text)!])] = String(text[Range(match.range(at: 2), in: text)!])
        }
        var header = try headerDefines()
        header["PB_PLUGIN_INFO_SYMBOL"] = nil  // the exported function's own name in Rust
        for (name, value) in header {
            guard let declared = rust[name] else {
                XCTFail("abi.rs lacks \(name)")
                continue
            }
            XCTAssertEqual(Self.normalized(declared), Self.normalized(value), name)
        }
    }

    /// `0x2u`, `48u` and `2` as one form, strings as written.
    static func normalized(_ literal: String) -> String {
        if literal.hasPrefix("\"") { return literal }
        let digits = literal.hasSuffix("u") ? String(literal.dropLast()) : literal
        let number = digits.hasPrefix("0x") ? UInt64(digits.dropFirst(2), radix: 16) : UInt64(digits)
        return number.map(String.init) ?? literal
    }
}

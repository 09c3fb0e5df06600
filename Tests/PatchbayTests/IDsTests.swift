@testable import PatchbayServices
import XCTest

final class IDsTests: XCTestCase {
    private let alphabet = Set("abcdefghijkmnpqrstuvwxyz23456789")

    func testIdsAreDistinctAndUseEveryLetterOfTheAlphabetAtEveryPosition() {
        let ids = (0..<4000).map { _ in IDs.make("evt") }
        XCTAssertEqual(Set(ids).count, ids.count)
        var seen = Array(repeating: Set<Character>(), count: 20)
        for id in ids {
            XCTAssertTrue(id.hasPrefix("evt_"), id)
            let random = Array(id.dropFirst(4))
            XCTAssertEqual(random.count, 20, id)
            for (position, letter) in random.enumerated() {
                XCTAssertTrue(alphabet.contains(letter), id)
                seen[position].insert(letter)
            }
        }
        // 4,000 draws leave a given letter unseen at a given position with odds of about 1e-55.
        for (position, letters) in seen.enumerated() {
            XCTAssertEqual(letters, alphabet, "position \(position) never had \(alphabet.subtracting(letters).sorted())")
        }
    }

    func testLongStringsSpanSeveralDraws() {
        let secret = IDs.randomString(count: 64)
        XCTAssertEqual(secret.count, 64)
        XCTAssertTrue(secret.allSatisfy(alphabet.contains))
        XCTAssertNotEqual(secret, IDs.randomString(count: 64))
    }
}

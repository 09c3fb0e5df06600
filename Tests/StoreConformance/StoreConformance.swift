import Foundation
public import PatchbayClock
import PatchbayModel
public import PatchbayStore
import XCTest

/// What every `Store` backend must do, written once against the protocol alone, in the spirit
/// of fluent-kit's FluentBenchmark. A backend's test case builds one with a factory for fresh,
/// empty stores and calls each group from an XCTest method of its own, so a failure names the
/// behaviour: tenancy on every read, paging and cursors, dedup and lease races, single-use
/// OAuth states, the execution lifecycle, and migrations that run again harmlessly on reopen.
public struct StoreConformance: Sendable {
    let makeStore: @Sendable () async throws -> any Store
    let reopen: @Sendable (any Store) async throws -> any Store
    /// The clock every store the factories make is given; the suite moves it.
    let clock: ManualClock

    /// - Parameters:
    ///   - clock: what every store `makeStore` and `reopen` make reads time from.
    ///   - makeStore: a new, empty store each call, migrated and ready.
    ///   - reopen: a second store over the same data as the one given, as a restarted host
    ///     opens it (its migrations run again).
    public init(clock: ManualClock, makeStore: @escaping @Sendable () async throws -> any Store,
                reopen: @escaping @Sendable (any Store) async throws -> any Store) {
        self.clock = clock
        self.makeStore = makeStore
        self.reopen = reopen
    }

    /// Runs `body` `count` times at once and collects what each returned, by index. The runs
    /// alternate between `store` and a second store opened over the same data, as two host
    /// replicas would race, so a guarantee kept only in one store's memory does not pass.
    func concurrently<T: Sendable>(_ count: Int, on store: any Store,
                                   _ body: @escaping @Sendable (any Store, Int) async throws -> T) async throws -> [T] {
        let replicas = [store, try await reopen(store)]
        return try await withThrowingTaskGroup(of: (Int, T).self) { group in
            for index in 0..<count { group.addTask { (index, try await body(replicas[index % 2], index)) } }
            var results: [Int: T] = [:]
            for try await (index, value) in group { results[index] = value }
            return (0..<count).compactMap { results[$0] }
        }
    }

    /// Every item of a newest-first listing, page by page, checking that each page honours
    /// the limit and that only the last one has no cursor.
    func walk<Item: Sendable>(limit: Int, file: StaticString = #filePath, line: UInt = #line,
                              _ list: (PageRequest) async throws -> Page<Item>) async throws -> [Item] {
        var items: [Item] = []
        var request = PageRequest(limit: limit)
        for _ in 0..<1000 {
            let page = try await list(request)
            XCTAssertLessThanOrEqual(page.items.count, limit, "a page holds more than its limit", file: file, line: line)
            items += page.items
            guard let next = page.next else { return items }
            XCTAssertEqual(page.items.count, limit, "a page before the last is short", file: file, line: line)
            request = PageRequest(limit: limit, after: next)
        }
        XCTFail("the listing never ended", file: file, line: line)
        return items
    }
}

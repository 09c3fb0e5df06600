import Foundation

/// Reads `text/event-stream` bytes as they arrive and hands back each complete event's data.
/// Events without data (comments, keep-alives) give nothing.
struct EventStreamParser {
    private var buffer = Data()
    private var data: [String] = []

    /// The data of each event that `chunk` completes.
    mutating func feed(_ chunk: Data) -> [Data] {
        buffer.append(chunk)
        var events: [Data] = []
        while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
            var line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
            buffer.removeSubrange(buffer.startIndex...newline)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty {
                if !data.isEmpty { events.append(Data(data.joined(separator: "\n").utf8)) }
                data = []
            } else if line.hasPrefix("data:") {
                var value = line.dropFirst(5)
                if value.first == " " { value = value.dropFirst() }
                data.append(String(value))
            }
        }
        return events
    }

    /// The data of every event in a whole body, including a last one without its blank line.
    static func events(in body: Data) -> [Data] {
        var parser = EventStreamParser()
        return parser.feed(body) + parser.feed(Data("\n\n".utf8))
    }
}

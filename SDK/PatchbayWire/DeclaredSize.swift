/// Reads a struct that crosses the plugin ABI by the size its writer declared in its first
/// field, `struct_size`, so that peers built against other minor versions understand each other.
public enum DeclaredSize {
    /// Copies `min(declared, MemoryLayout<T>.size)` bytes from `source` over the start of
    /// `target`, which should start zeroed: fields an older (shorter) struct lacks stay zero,
    /// and bytes a newer (longer) struct has beyond this side's layout are never read.
    public static func copy<T>(from source: UnsafeRawPointer, declared: Int, into target: inout T) {
        let count = min(max(declared, 0), MemoryLayout<T>.size)
        withUnsafeMutableBytes(of: &target) { bytes in
            bytes.baseAddress!.copyMemory(from: source, byteCount: count)
        }
    }

    /// Whether a struct of `declared` bytes holds the field at `offset` of `size` bytes.
    public static func covers(_ declared: Int, offset: Int, size: Int) -> Bool {
        declared >= offset + size
    }
}

/// Reading the caller's versioned structs. Each begins with `struct_size`,
/// the size the caller compiled; fields appended in later versions are
/// absent from an older caller's struct, so only the first `struct_size`
/// bytes are read and the rest keep their defaults.
enum VersionedStruct {
    /// Writes `defaults` into the caller's struct of `size` bytes (its
    /// sizeof, possibly from an older or newer header): our fields that fit,
    /// zeros past ours, and struct_size = `size`.
    static func initialize<T>(_ pointer: UnsafeMutableRawPointer?, size: Int, defaults: T) {
        guard let pointer, size >= MemoryLayout<Int>.size else { return }
        var value = defaults
        withUnsafeBytes(of: &value) { bytes in
            pointer.copyMemory(from: bytes.baseAddress!, byteCount: min(size, MemoryLayout<T>.size))
        }
        if size > MemoryLayout<T>.size {
            (pointer + MemoryLayout<T>.size).initializeMemory(as: UInt8.self, repeating: 0,
                                                                count: size - MemoryLayout<T>.size)
        }
        pointer.storeBytes(of: size, as: Int.self)
    }

    /// A copy of `*pointer` of which only the caller's `struct_size` bytes are
    /// read over `defaults`. `minimumSize` is the size of version 1 of the
    /// struct: smaller means the struct was not initialized with its init function.
    static func read<T>(_ pointer: UnsafePointer<T>?, _ name: String, defaults: T, minimumSize: Int) throws -> T {
        guard let pointer else { throw InvalidArgument("\(name) is NULL") }
        let declared = UnsafeRawPointer(pointer).load(as: Int.self)
        guard declared >= minimumSize else {
            throw InvalidArgument("\(name)->struct_size = \(declared) is below \(minimumSize): initialize it with its sl_*_init function")
        }
        var value = defaults
        withUnsafeMutableBytes(of: &value) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: min(declared, MemoryLayout<T>.size)))
        }
        return value
    }
}

import Foundation
import XCTest

extension XCTestCase {
    /// A new, empty directory `prefix-UUID` under the system's temporary
    /// directory, removed with everything in it when the test ends (also when
    /// called from setUp). With `create: false` only the name is chosen, for a
    /// command that makes the directory itself.
    public func temporaryDirectory(_ prefix: String, create: Bool = true) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)",
                                                                                 isDirectory: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        if create { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        return url
    }

    /// The path of a new file `prefix-UUID.txt` holding `text` in the system's
    /// temporary directory, removed when the test ends.
    public func temporaryFile(_ text: String, prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString).txt").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

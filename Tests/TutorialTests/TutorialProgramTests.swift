import Foundation
import XCTest

/// Docs/Tutorial.md as its reader uses it: every numbered section, its
/// ```swift blocks pasted in order into one `main.swift`, compiled against
/// this package's built modules, run, and its output compared with the
/// section's ```text blocks. A section that needs a declaration or an
/// import from another section, or prints other digits than it shows,
/// fails here.
final class TutorialProgramTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = directory.appendingPathComponent("../..").standardizedFileURL
    static let tutorial = root.appendingPathComponent("Docs/Tutorial.md")

    struct Section: Equatable {
        var title: String
        var code: String
        var output: String
    }

    /// The sections ("## " headings) that have Swift code: the code blocks
    /// joined in order, and the text blocks joined in order. ```swift-manifest
    /// and ```sh blocks are not program code.
    static func sections(in markdown: String) -> [Section] {
        var sections: [Section] = []
        var current: Section?
        var block: (kind: String, lines: [String])?
        for line in markdown.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var open = block {
                if trimmed == "```" {
                    let text = open.lines.joined(separator: "\n") + "\n"
                    if open.kind == "swift" { current?.code += text }
                    if open.kind == "text" { current?.output += text }
                    block = nil
                } else {
                    open.lines.append(line)
                    block = open
                }
            } else if trimmed.hasPrefix("```") {
                block = (String(trimmed.dropFirst(3)), [])
            } else if line.hasPrefix("## ") {
                if let done = current, !done.code.isEmpty { sections.append(done) }
                current = Section(title: String(line.dropFirst(3)), code: "", output: "")
            }
        }
        if let done = current, !done.code.isEmpty { sections.append(done) }
        return sections
    }

    /// The directory with the built modules and object files: the test
    /// bundle's products directory.
    static var products: URL? {
        let bundle = Bundle.main.bundleURL
        return [bundle, bundle.deletingLastPathComponent()].first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("ScalingTheory.build").path)
        }
    }

    static var swiftc: URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("swiftc") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func testEverySectionIsAProgramThatPrintsWhatTheTutorialShows() throws {
        let sections = Self.sections(in: try String(contentsOf: Self.tutorial, encoding: .utf8))
        XCTAssertEqual(sections.map { String($0.title.prefix(2)) }, ["2.", "3.", "4.", "5.", "6.", "7.", "8."])
        let products = try XCTUnwrap(Self.products, "no products directory next to \(Bundle.main.bundleURL.path)")
        let swiftc = try XCTUnwrap(Self.swiftc, "swiftc is not on PATH")
        // Swift 6 puts the module files in Modules/, 5.10 in the products directory itself.
        let modules = FileManager.default.fileExists(atPath: products.appendingPathComponent("Modules").path)
            ? products.appendingPathComponent("Modules") : products
        let objects = try ["ScalingErrors", "ScalingTheory", "DenseAlgebra", "NonlinearFeatureTheory", "ScalingMonteCarlo", "SVGPlot"]
            .flatMap { target -> [String] in
                // The objects of the target's current sources only: a build
                // directory can hold stale objects of files that have moved.
                let dir = products.appendingPathComponent("\(target).build")
                let sources = try String(contentsOf: dir.appendingPathComponent("sources"), encoding: .utf8)
                return sources.split(separator: "\n").map { line in
                    dir.appendingPathComponent(URL(fileURLWithPath: String(line)).lastPathComponent + ".o").path
                }
            }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("tutorial-\(UUID())")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        for (index, section) in sections.enumerated() {
            let source = work.appendingPathComponent("section\(index)/main.swift")
            try FileManager.default.createDirectory(at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
            try section.code.write(to: source, atomically: true, encoding: .utf8)
            let program = source.deletingLastPathComponent().appendingPathComponent("program")
            let compiled = try Self.run(swiftc, [
                "-I", modules.path,
                "-I", Self.root.appendingPathComponent("Sources/CGSL").path,
                "-I", Self.root.appendingPathComponent("Sources/COpenBLAS").path,
                source.path, "-o", program.path,
            ] + objects + ["-lgsl", "-lopenblas", "-llapacke"])
            guard compiled.status == 0 else {
                XCTFail("section \(section.title) does not compile as a program:\n\(compiled.output)")
                continue
            }
            let ran = try Self.run(program, [])
            XCTAssertEqual(ran.status, 0, "section \(section.title) exited with \(ran.status):\n\(ran.output)")
            XCTAssertEqual(ran.output, section.output, "section \(section.title) printed other text than the tutorial shows")
        }
    }

    func testTheManifestBlockNamesTheRealProducts() throws {
        let markdown = try String(contentsOf: Self.tutorial, encoding: .utf8)
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        for product in ["ScalingTheory", "NonlinearFeatureTheory", "ScalingMonteCarlo", "SVGPlot"] {
            XCTAssertTrue(markdown.contains("\"\(product)\""), "the tutorial does not name the product \(product)")
            XCTAssertTrue(manifest.contains(".library(name: \"\(product)\""), "Package.swift has no product \(product)")
        }
    }

    func testTheSectionExtractorJoinsBlocksPerSection() {
        let markdown = "# T\n## 1. A\n```sh\nls\n```\n```swift-manifest\nlet y = 2\n```\n## 2. B\ntext\n```swift\nlet x = 1\n```\n```text\n1\n```\n```swift\nprint(x)\n```\n```text\n1\n```\n## Where next\n"
        XCTAssertEqual(Self.sections(in: markdown), [Section(title: "2. B", code: "let x = 1\nprint(x)\n", output: "1\n1\n")])
    }
}

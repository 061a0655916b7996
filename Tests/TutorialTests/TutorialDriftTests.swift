import Foundation
import XCTest

/// Keeps Docs/Tutorial.md and the compiled tutorial code in step: every
/// ```swift block of the tutorial must appear verbatim in the test sources of
/// this directory, either at the left margin (imports) or with every
/// non-empty line indented by eight spaces (the body of a test method).
/// Blocks fenced differently (```swift-manifest for Package.swift, ```sh for
/// shell commands) are not checked.
final class TutorialDriftTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let tutorial = directory.appendingPathComponent("../../Docs/Tutorial.md").standardizedFileURL

    /// The ```swift blocks of a Markdown text, in order, without the fences.
    static func swiftBlocks(in markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [String]?
        for line in markdown.components(separatedBy: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var lines = current {
                if trimmed == "```" {
                    blocks.append(lines.joined(separator: "\n"))
                    current = nil
                } else {
                    lines.append(line)
                    current = lines
                }
            } else if trimmed == "```swift" {
                current = []
            }
        }
        return blocks
    }

    /// The block as it appears in a method body: eight more spaces on every non-empty line.
    static func indented(_ block: String) -> String {
        block.components(separatedBy: "\n").map { $0.isEmpty ? $0 : "        " + $0 }.joined(separator: "\n")
    }

    func testEverySwiftBlockOfTheTutorialIsCompiledTestCode() throws {
        let markdown = try String(contentsOf: Self.tutorial, encoding: .utf8)
        let blocks = Self.swiftBlocks(in: markdown)
        XCTAssertGreaterThanOrEqual(blocks.count, 10, "expected the tutorial's Swift blocks in \(Self.tutorial.path)")
        let sources = try FileManager.default.contentsOfDirectory(at: Self.directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" && $0.lastPathComponent != "TutorialDriftTests.swift" }
            .map { try String(contentsOf: $0, encoding: .utf8) }
            .joined(separator: "\n")
        for (index, block) in blocks.enumerated() {
            let found = sources.contains(Self.indented(block) + "\n") || sources.contains("\n" + block + "\n")
            XCTAssertTrue(found, "Swift block \(index + 1) of Docs/Tutorial.md is not in Tests/TutorialTests:\n\(block)")
        }
    }

    func testTheManifestBlockNamesTheRealProducts() throws {
        let markdown = try String(contentsOf: Self.tutorial, encoding: .utf8)
        let manifest = try String(contentsOf: Self.directory.appendingPathComponent("../../Package.swift")
            .standardizedFileURL, encoding: .utf8)
        for product in ["ScalingTheory", "ScalingMonteCarlo", "SVGPlot"] {
            XCTAssertTrue(markdown.contains("\"\(product)\""), "the tutorial does not name the product \(product)")
            XCTAssertTrue(manifest.contains(".library(name: \"\(product)\""), "Package.swift has no product \(product)")
        }
    }

    func testTheBlockExtractorSkipsOtherFences() {
        let markdown = "a\n```swift\nlet x = 1\n```\n```swift-manifest\nlet y = 2\n```\n```sh\nls\n```\n```swift\nlet z = 3\n\nprint(z)\n```\n"
        XCTAssertEqual(Self.swiftBlocks(in: markdown), ["let x = 1", "let z = 3\n\nprint(z)"])
        XCTAssertEqual(Self.indented("a\n\nb"), "        a\n\n        b")
    }
}

import Foundation
import ScalingData
import ScalingTheory
import XCTest

/// The Swift block of Docs/YourData.md, run verbatim on data from the
/// generative model; a drift check keeps the page and this file in step.
final class YourDataDocTests: XCTestCase {
    static let page = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Docs/YourData.md").standardizedFileURL

    func testTheDocumentedPathRunsAndAgreesWithTheory() throws {
        let (dataPath, labelPath) = try SyntheticControlTests.npyFiles(rows: 10_000, d: 150, for: self)
        let reader = DataFileReader()
        let dataSet = try DataSet(data: reader.matrix(dataPath), targets: reader.labels(labelPath))
        let centred = try CentredDataSet(dataSet)
        let analysis = try DataSetAnalysis(centred)
        let configuration = try ModelConfiguration(featureCount: 60, sampleCount: 300, ridge: 1e-2,
                                                   noiseVariance: analysis.residualVariance)
        let theory = try AlignedTeacherPrediction(spectrum: TabulatedSpectrum(eigenvalues: analysis.eigenvalues),
                                                  teacherPower: analysis.teacherPower, configuration: configuration)
        let measured = try DataSimulation(data: centred, latentDimension: analysis.latentDimension,
                                          configuration: configuration,
                                          options: DataSimulationOptions(trials: 24, seed: 7, testRows: 3000)).run()
        print(theory.testError, measured.testError.mean, measured.testError.standardError)

        XCTAssertLessThan(abs(measured.testError.mean - theory.testError), 4 * measured.testError.standardError)
    }

    func testThePageShowsTheCodeThatRuns() throws {
        let markdown = try String(contentsOf: Self.page, encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        var blocks: [String] = [], current: [String]? = nil
        for line in markdown.components(separatedBy: "\n") {
            if current != nil {
                if line == "```" { blocks.append(current!.joined(separator: "\n")); current = nil } else { current!.append(line) }
            } else if line == "```swift" {
                current = []
            }
        }
        XCTAssertEqual(blocks.count, 1)
        for block in blocks {
            let indented = block.components(separatedBy: "\n").map { $0.isEmpty ? $0 : "        " + $0 }.joined(separator: "\n")
            XCTAssertTrue(source.contains(indented + "\n"), "Docs/YourData.md's Swift block is not in this test:\n\(block)")
        }
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
import SVGPlot

/// Parses an SVG document and records its elements, so tests check structure
/// (axes, series, point counts, finite coordinates) rather than pixels.
final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var groupClasses: [String]
    }
    private(set) var elements: [Element] = []
    private(set) var texts: [String] = []
    private var stack: [String] = []

    static func parse(_ svg: String) throws -> SVGInspector {
        let inspector = SVGInspector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = inspector
        guard parser.parse() else {
            throw NSError(domain: "SVG", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(parser.parserError.map { "\($0)" } ?? "parse error")"])
        }
        return inspector
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, groupClasses: stack))
        stack.append(name == "g" ? (attributes["class"] ?? "") : "")
    }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) {
        texts.append(string)
    }

    func elements(_ name: String, inGroup group: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (group == nil || $0.groupClasses.contains(group!)) }
    }

    /// Every number in a geometric attribute.
    var coordinates: [Double] {
        let keys = ["x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height"]
        return elements.flatMap { e -> [Double] in
            var numbers = keys.compactMap { e.attributes[$0] }.filter { !$0.hasSuffix("%") }.map { Double($0) ?? .nan }
            if let points = e.attributes["points"] {
                numbers += points.split(whereSeparator: { $0 == " " || $0 == "," }).map { Double($0) ?? .nan }
            }
            return numbers
        }
    }
}

final class PlotStructureTests: XCTestCase {
    func makePlot() -> Plot {
        let theory = Plot.Series(name: "theory", points: (0...20).map {
            let n = pow(10, 1 + Double($0) / 10)
            return Plot.Point(x: n, y: 1 / n)
        })
        let simulation = Plot.Series(name: "simulation", points: [
            Plot.Point(x: 20, y: 0.05, error: 0.01), Plot.Point(x: 50, y: 0.02, error: 0.03),
            Plot.Point(x: 80, y: -1, error: 0.1), Plot.Point(x: .nan, y: 0.1),
        ], style: .markers)
        return Plot(title: "loss vs N", xLabel: "N", yLabel: "loss", series: [theory, simulation],
                    markers: [Plot.Marker(x: 40, label: "N = P"), Plot.Marker(x: 1e6, label: "off-scale")])
    }

    func testStructureOfALogLogPlot() throws {
        let svg = try SVGInspector.parse(makePlot().svg())
        XCTAssertEqual(svg.elements.first?.name, "svg")
        XCTAssertEqual(svg.elements("g").filter { $0.attributes["class"] == "series" }.count, 2)
        XCTAssertEqual(svg.elements("polyline", inGroup: "series").count, 1)
        let polyline = try XCTUnwrap(svg.elements("polyline", inGroup: "series").first)
        XCTAssertEqual(polyline.attributes["points"]?.split(separator: " ").count, 21)
        // Two drawable simulation points (negative y and NaN x are left out), one with a bar reaching below 0.
        XCTAssertEqual(svg.elements("circle", inGroup: "series").count, 2)
        XCTAssertEqual(svg.elements("line", inGroup: "series").filter { $0.attributes["class"] == "error-bar" }.count, 2)
        // Decades 10^1..10^3 on x, labelled.
        XCTAssertEqual(svg.elements("line", inGroup: "x-axis").filter { $0.attributes["class"] == "tick" }.count, 3)
        XCTAssertGreaterThanOrEqual(svg.elements("line", inGroup: "y-axis").filter { $0.attributes["class"] == "tick" }.count, 3)
        XCTAssertTrue(svg.texts.contains("10"))
        // The in-range marker only.
        XCTAssertEqual(svg.elements("g").filter { $0.attributes["class"] == "marker" }.count, 1)
        XCTAssertTrue(svg.texts.contains("N = P"))
        // Legend lists both series.
        XCTAssertTrue(svg.texts.contains("theory") && svg.texts.contains("simulation"))
        XCTAssertFalse(svg.coordinates.isEmpty)
        XCTAssertTrue(svg.coordinates.allSatisfy(\.isFinite))
    }

    func testEmptyAndDegeneratePlotsStayFinite() throws {
        for plot in [Plot(title: "empty", xLabel: "x", yLabel: "y"),
                     Plot(title: "one point", xLabel: "x", yLabel: "y",
                          series: [Plot.Series(name: "a", points: [Plot.Point(x: 5, y: 5)], style: .lineAndMarkers)]),
                     Plot(title: "linear", xLabel: "x", yLabel: "y", xScale: .linear, yScale: .linear,
                          series: [Plot.Series(name: "b", points: [Plot.Point(x: -1, y: 0), Plot.Point(x: 1, y: 0)])])] {
            let svg = try SVGInspector.parse(plot.svg())
            XCTAssertTrue(svg.coordinates.allSatisfy(\.isFinite), plot.title)
        }
    }

    func testEscapesText() throws {
        let plot = Plot(title: "a < b & \"c\"", xLabel: "x", yLabel: "y")
        let svg = try SVGInspector.parse(plot.svg())
        XCTAssertTrue(svg.texts.joined().contains("a < b & \"c\""))
    }
}

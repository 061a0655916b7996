import Foundation
import XCTest
import SVGPlot

/// The figure elements added for issue 16: clipped peaks, fitted axes,
/// dashes and marker shapes, the data as CSV, and the 2-D map.
final class FigureElementTests: XCTestCase {
    /// Numbers of an SVG path's `d` attribute.
    func pathNumbers(_ d: String) -> [Double] {
        d.split(whereSeparator: { "MLZ, ".contains($0) }).map { Double($0) ?? .nan }
    }

    func testAnInfinitePeakIsClippedAtTheTopAndStated() throws {
        let points = (1...99).map { n -> Plot.Point in
            let x = Double(n)
            return Plot.Point(x: x, y: n == 50 ? .infinity : 1 / abs(x - 50))
        }
        let plot = Plot(title: "peak", xLabel: "N", yLabel: "L", xScale: .linear,
                        series: [Plot.Series(name: "theory", points: points)], yRange: 0.01...0.5, xSymbol: "N")
        XCTAssertEqual(plot.clippedPeaks, [Plot.Peak(x: 50, value: .infinity)])
        let svg = try SVGInspector.parse(plot.svg())
        let peaks = svg.elements("g").filter { $0.attributes["class"] == "peak" }
        XCTAssertEqual(peaks.count, 1)
        XCTAssertEqual(peaks.first?.attributes["data-value"], "inf")
        XCTAssertEqual(peaks.first?.attributes["data-x"], "50.0")
        XCTAssertTrue(svg.texts.joined().contains("+∞ at N = 50"), "\(svg.texts)")
        XCTAssertEqual(svg.elements("polygon", inGroup: "peak").count, 1)
        // The line is not broken at the infinite point: it runs to the top edge there.
        XCTAssertEqual(svg.elements("polyline", inGroup: "series").count, 1)
        let top = try XCTUnwrap(Double(try XCTUnwrap(svg.elements("rect").first { $0.attributes["width"] != "100%" }?.attributes["y"])))
        let ys = try XCTUnwrap(svg.elements("polyline", inGroup: "series").first?.attributes["points"])
            .split(separator: " ").map { Double($0.split(separator: ",")[1])! }
        XCTAssertEqual(ys[49], top, accuracy: 0.01)
        XCTAssertTrue(svg.coordinates.allSatisfy(\.isFinite))
    }

    /// A forecast and its band's bounds clipped at the same last point (demo
    /// figure 11's Chinchilla form) share one marker and one label with
    /// their range, right-aligned when it would run into the legend.
    func testPeaksAtOneXShareOneMarkerAndLabel() throws {
        func rising(_ factor: Double) -> [Plot.Point] { (1...10).map { Plot.Point(x: Double($0), y: factor * pow(10, Double($0))) } }
        let plot = Plot(title: "t", xLabel: "D", yLabel: "L", series: [
            Plot.Series(name: "forecast", points: rising(1)), Plot.Series(name: "lower", points: rising(0.5)),
            Plot.Series(name: "upper", points: rising(2)),
        ], yRange: 1...1000, xSymbol: "D")
        XCTAssertEqual(plot.clippedPeaks.map(\.x), [10, 10, 10])
        let svg = try SVGInspector.parse(plot.svg())
        XCTAssertEqual(svg.elements("g").filter { $0.attributes["class"] == "peak" }.count, 3)
        XCTAssertEqual(svg.elements("polygon", inGroup: "peak").count, 1)
        let labels = svg.elements("text", inGroup: "peak")
        XCTAssertEqual(labels.count, 1)
        XCTAssertEqual(labels.first?.attributes["text-anchor"], "end")
        XCTAssertTrue(svg.texts.joined().contains("3 peaks 5e+09 to 2e+10 at D = 10"), "\(svg.texts)")
    }

    func testAFinitePeakAboveTheRangeIsStatedWithItsValue() throws {
        let plot = Plot(title: "t", xLabel: "x", yLabel: "y", series: [
            Plot.Series(name: "a", points: [Plot.Point(x: 1, y: 0.1), Plot.Point(x: 2, y: 2), Plot.Point(x: 3, y: 5),
                                            Plot.Point(x: 4, y: 0.2), Plot.Point(x: 5, y: 0.3)]),
            Plot.Series(name: "points", points: [Plot.Point(x: 3, y: 5)], style: .markers),
        ], yRange: 0.05...1)
        // Marker series never make peak labels; the line's run 2...3 peaks at 5.
        XCTAssertEqual(plot.clippedPeaks, [Plot.Peak(x: 3, value: 5)])
        let svg = try SVGInspector.parse(plot.svg())
        XCTAssertTrue(svg.texts.joined().contains("peak 5 at x = 3"), "\(svg.texts)")
        // Without a y range nothing is clipped.
        var fitted = plot
        fitted.yRange = nil
        XCTAssertEqual(fitted.clippedPeaks, [])
    }

    func plot(x: [Double]) -> Plot {
        Plot(title: "t", xLabel: "x", yLabel: "y", series: [Plot.Series(name: "a", points: x.map { Plot.Point(x: $0, y: 1 / $0) })])
    }

    func testLogAxesFitTheDataInsteadOfWholeDecades() throws {
        let wide = plot(x: [10, 3000]).drawnRanges.x
        XCTAssertLessThan(wide.upperBound, 5000, "3000 is not rounded up to 10^4 (a fifth of the width)")
        XCTAssertGreaterThan(wide.upperBound, 3000)
        XCTAssertLessThan(wide.lowerBound, 10)
        let decades = plot(x: [10, 1000]).drawnRanges.x
        XCTAssertEqual(decades.lowerBound, 10, accuracy: 1e-9)
        XCTAssertEqual(decades.upperBound, 1000, accuracy: 1e-9)
        // A range of two decades not on decade ends gets 1-2-5 ticks as plain numbers.
        let svg = try SVGInspector.parse(plot(x: [20, 2000]).svg())
        for label in ["20", "50", "100", "200", "500", "1000", "2000"] {
            XCTAssertTrue(svg.texts.contains(label), "no tick \(label)")
        }
    }

    func testLinearAxisDashesShapesAndLegend() throws {
        let plot = Plot(title: "t", xLabel: "x", yLabel: "y", xScale: .linear, yScale: .linear, series: [
            Plot.Series(name: "solid", points: [Plot.Point(x: 100, y: 1), Plot.Point(x: 700, y: 2)]),
            Plot.Series(name: "dashed", points: [Plot.Point(x: 100, y: 1), Plot.Point(x: 700, y: 2)], dash: "7 5"),
            Plot.Series(name: "squares", points: [Plot.Point(x: 300, y: 1.5)], style: .markers, shape: .square),
            Plot.Series(name: "hidden", points: [Plot.Point(x: 200, y: 1.2)], style: .markers, inLegend: false),
        ])
        let svg = try SVGInspector.parse(plot.svg())
        XCTAssertEqual(svg.elements("g").first { $0.attributes["class"] == "x-axis" }?.attributes["data-scale"], "linear")
        let lines = svg.elements("polyline", inGroup: "series")
        XCTAssertEqual(lines.map { $0.attributes["stroke-dasharray"] }, [nil, "7 5"])
        XCTAssertEqual(svg.elements("rect", inGroup: "series").filter { $0.attributes["class"] == "point" }.count, 1)
        XCTAssertEqual(svg.elements("rect", inGroup: "legend").count, 1, "the square's legend entry")
        XCTAssertFalse(svg.texts.contains("hidden"))
        XCTAssertEqual(svg.elements("line", inGroup: "x-axis").filter { $0.attributes["class"] == "tick" }.count, 3)
        XCTAssertTrue(svg.texts.contains("200") && svg.texts.contains("400") && svg.texts.contains("600"))
    }

    func testCSVHasEveryPointOfEverySeries() {
        let plot = Plot(title: "t", xLabel: "x", yLabel: "y", series: [
            Plot.Series(name: "a, \"quoted\"", points: [Plot.Point(x: 1, y: .infinity), Plot.Point(x: 2, y: 3, error: 0.5)]),
            Plot.Series(name: "b", points: [Plot.Point(x: 1, y: .nan)]),
        ])
        XCTAssertEqual(plot.csv, "series,x,y,error\n\"a, \"\"quoted\"\"\",1.0,inf,\n\"a, \"\"quoted\"\"\",2.0,3.0,0.5\n\"b\",1.0,nan,\n")
    }

    /// For f = column + row, linear interpolation is exact: every contour
    /// vertex lies on column + row = level, and the level crosses 4 + 3 cells.
    func testContourLinesOfAPlaneAreExact() {
        let values = (0..<5).map { j in (0..<5).map { i in Double(i + j) } }
        let segments = ContourLines.segments(values: values, level: 3.5)
        XCTAssertEqual(segments.count, 7)
        for s in segments {
            XCTAssertEqual(s.from.column + s.from.row, 3.5, accuracy: 1e-12)
            XCTAssertEqual(s.to.column + s.to.row, 3.5, accuracy: 1e-12)
        }
        XCTAssertTrue(ContourLines.segments(values: values, level: 100).isEmpty)
        // A non-finite corner removes its cells.
        var holed = values
        holed[0][0] = .infinity
        XCTAssertEqual(ContourLines.segments(values: holed, level: 0.5).count, 0)
        // A saddle gives two segments in its cell.
        XCTAssertEqual(ContourLines.segments(values: [[1, 0], [0, 1]], level: 0.5).count, 2)
    }

    func testColorScaleEndsAreTheViridisEnds() {
        let scale = ColorScale(lower: -7, upper: -3)
        XCTAssertEqual(scale.color(-7), "#440154")
        XCTAssertEqual(scale.color(-3), "#fde725")
        XCTAssertEqual(scale.color(-100), "#440154")
        XCTAssertEqual(scale.color(.infinity), "#fde725")
    }

    func testHeatmapStructure() throws {
        let x = [10.0, 100, 1000], y = [10.0, 100, 1000]
        let values: [[Double]] = [[.infinity, -4, -5], [-4, -5, -6], [-5, -6, -.infinity]]
        let map = Heatmap(title: "map", xLabel: "N", yLabel: "P", valueLabel: "log L", x: x, y: y, values: values,
                          contourLevels: [-4.5, -5.5],
                          overlays: [Plot.Series(name: "N = P", points: [Plot.Point(x: 10, y: 10),
                                                                        Plot.Point(x: 1000, y: 1000)], dash: "6 4")],
                          infiniteLabel: "+∞ at N = P", minusInfiniteLabel: "L = 0")
        let svg = try SVGInspector.parse(map.svg())
        XCTAssertEqual(svg.elements("rect", inGroup: "cells").count, 7)
        XCTAssertEqual(svg.elements("rect", inGroup: "infinite-cells").count, 1)
        XCTAssertEqual(svg.elements("rect", inGroup: "minus-infinite-cells").count, 1)
        let contours = svg.elements("path", inGroup: "contours")
        XCTAssertEqual(contours.map { $0.attributes["data-level"] }, ["-4.5", "-5.5"])
        for contour in contours {
            let numbers = pathNumbers(contour.attributes["d"] ?? "")
            XCTAssertFalse(numbers.isEmpty)
            XCTAssertTrue(numbers.allSatisfy(\.isFinite))
        }
        XCTAssertEqual(svg.elements("polyline", inGroup: "overlay").first?.attributes["stroke-dasharray"], "6 4")
        let text = svg.texts.joined()
        XCTAssertTrue(text.contains("+∞ at N = P") && text.contains("L = 0") && text.contains("N = P"))
        XCTAssertGreaterThan(svg.elements("rect", inGroup: "colorbar").count, 60)
        XCTAssertTrue(svg.coordinates.allSatisfy(\.isFinite))
        // The cells tile the map: outer edges half a step beyond the end centres.
        XCTAssertEqual(Heatmap.edges(x, scale: .log).map { log10($0) }, [0.5, 1.5, 2.5, 3.5])
    }
}

import Foundation
import XCTest
import SVGPlot

/// Tick labels on every log axis, and no text clipped by the page or
/// hidden under other text: each `<text>` gets a bounding box (0.6 em a
/// character, ascent 0.8 em, descent 0.25 em; rotated labels turned by
/// 90 degrees) that must lie on the page, and the axis labels must not
/// overlap their tick labels.
final class LabelLayoutTests: XCTestCase {
    struct Box {
        var text: String
        var cssClass: String?
        var group: String
        var minX: Double, maxX: Double, minY: Double, maxY: Double
        func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    /// The text boxes of an SVG written by Plot or Heatmap, with the class of
    /// the enclosing axis group.
    static func boxes(_ svg: String) throws -> [Box] {
        let pattern = try NSRegularExpression(pattern: #"<g class="([a-z-]+)"|<text ([^>]*)>(.*?)</text>"#)
        var boxes: [Box] = []
        var group = ""
        let ns = svg as NSString
        for match in pattern.matches(in: svg, range: NSRange(location: 0, length: ns.length)) {
            if match.range(at: 1).location != NSNotFound {
                group = ns.substring(with: match.range(at: 1))
                continue
            }
            let attributes = ns.substring(with: match.range(at: 2)), content = ns.substring(with: match.range(at: 3))
            func attribute(_ name: String) -> String? {
                guard let r = attributes.range(of: #"(^| )\#(name)="([^"]*)""#, options: .regularExpression) else { return nil }
                let value = attributes[r].split(separator: "=", maxSplits: 1)[1]
                return String(value.dropFirst().dropLast())
            }
            let visible = content.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
                .replacingOccurrences(of: "&[a-z]+;", with: "x", options: .regularExpression)
            let size = Double(attribute("font-size") ?? "12")!
            let width = Double(visible.count) * 0.6 * size
            let anchor = attribute("text-anchor") ?? "start"
            let shift = anchor == "middle" ? width / 2 : (anchor == "end" ? width : 0)
            if let transform = attribute("transform") {
                let numbers = transform.split(whereSeparator: { "() ".contains($0) }).compactMap { Double($0) }
                XCTAssertTrue(transform.hasSuffix("rotate(-90)"), transform)
                let (a, b) = (numbers[0], numbers[1])
                // Rotated by -90 degrees: the text runs upwards from (a, b + shift).
                boxes.append(Box(text: visible, cssClass: attribute("class"), group: group,
                                 minX: a - 0.8 * size, maxX: a + 0.25 * size, minY: b + shift - width, maxY: b + shift))
            } else {
                let x = Double(attribute("x")!)!, y = Double(attribute("y")!)!
                boxes.append(Box(text: visible, cssClass: attribute("class"), group: group,
                                 minX: x - shift, maxX: x - shift + width, minY: y - 0.8 * size, maxY: y + 0.25 * size))
            }
        }
        return boxes
    }

    /// Every box on the page; each axis label clear of its tick labels; the
    /// title clear of the subtitle.
    func assertNothingClipped(_ svg: String, width: Double, height: Double, _ name: String,
                              file: StaticString = #filePath, line: UInt = #line) throws {
        let boxes = try Self.boxes(svg)
        XCTAssertFalse(boxes.isEmpty, name, file: file, line: line)
        for box in boxes {
            XCTAssertTrue(box.minX >= 0 && box.maxX <= width && box.minY >= 0 && box.maxY <= height,
                          "\(name): '\(box.text)' at x \(box.minX)...\(box.maxX), y \(box.minY)...\(box.maxY) leaves the \(width) x \(height) page",
                          file: file, line: line)
        }
        for axis in ["x-axis", "y-axis"] {
            let label = boxes.filter { $0.group == axis && $0.cssClass == "label" }
            let ticks = boxes.filter { $0.group == axis && $0.cssClass == nil }
            XCTAssertEqual(label.count, 1, "\(name): \(axis) label", file: file, line: line)
            for tick in ticks where label.first.map(tick.overlaps) ?? false {
                XCTFail("\(name): the \(axis) label overlaps its tick label '\(tick.text)'", file: file, line: line)
            }
        }
        let title = boxes.filter { $0.cssClass == "title" }, subtitle = boxes.filter { $0.cssClass == "subtitle" }
        if let t = title.first, let s = subtitle.first {
            XCTAssertFalse(t.overlaps(s), "\(name): title over subtitle", file: file, line: line)
        }
    }

    func plot(yFrom lower: Double, to upper: Double, xScale: AxisScale = .log, subtitle: String? = nil) -> Plot {
        let points = (0...10).map { k -> Plot.Point in
            let t = Double(k) / 10
            return Plot.Point(x: 10 * pow(100, t), y: lower * pow(upper / lower, t))
        }
        return Plot(title: "a figure", subtitle: subtitle, xLabel: "features N", yLabel: "test loss ⟨L⟩",
                    xScale: xScale, series: [Plot.Series(name: "theory", points: points)])
    }

    /// The y tick labels of a plot, in order.
    func yTickLabels(_ plot: Plot) throws -> [String] {
        try Self.boxes(plot.svg()).filter { $0.group == "y-axis" && $0.cssClass == nil }.map(\.text)
    }

    func testALogAxisWithinADecadeHasAtLeastTwoLabelledTicks() throws {
        // Issue #22: an axis from 0.206 to 0.376 had no tick label at all.
        XCTAssertEqual(try yTickLabels(plot(yFrom: 0.206, to: 0.376)), ["0.25", "0.3", "0.35"])
        // Ranges narrower than a decade across scales, each with two or more
        // distinct labels on the drawn range.
        for lower in [2.06e-9, 0.206, 0.93, 3.1, 7.7, 41, 2.2e7] {
            for ratio in [1.02, 1.2, 1.8, 3.0, 9.0] {
                let labels = try yTickLabels(plot(yFrom: lower, to: lower * ratio))
                XCTAssertGreaterThanOrEqual(labels.count, 2, "\(lower)...\(lower * ratio): \(labels)")
                XCTAssertEqual(Set(labels).count, labels.count, "\(lower)...\(lower * ratio): \(labels)")
            }
        }
        // Two or more decades keep their decade labels.
        XCTAssertEqual(try yTickLabels(plot(yFrom: 1e-3, to: 1)).count, 4)
    }

    func testNoLabelIsClipped() throws {
        let long = String(repeating: "σ_w² = 1, σ_u² = 1, ", count: 8) + "16 trials per point (mean ± standard error)"
        let plots = [
            ("narrow log range", plot(yFrom: 0.206, to: 0.376)),
            ("wide tick labels", plot(yFrom: 2.06e-5, to: 3.76e-5)),
            ("long plain tick labels", plot(yFrom: 0.000206, to: 0.000376)),
            ("linear x", plot(yFrom: 1, to: 1e4, xScale: .linear)),
            ("long subtitle", plot(yFrom: 1e-3, to: 1, subtitle: long)),
        ]
        for (name, figure) in plots {
            for (width, height) in [(720.0, 480.0), (960, 560)] {
                try assertNothingClipped(figure.svg(width: width, height: height), width: width, height: height,
                                         "\(name) at \(width)x\(height)")
            }
        }
        let n = (0..<6).map { pow(10, 1 + Double($0) / 2) }
        let map = Heatmap(title: "a map", subtitle: long, xLabel: "features N", yLabel: "samples P",
                          valueLabel: "log₁₀ ⟨L⟩", x: n, y: n.map { $0 * 1e-6 },
                          values: n.map { p in n.map { log10(p / $0) } })
        try assertNothingClipped(map.svg(), width: 900, height: 640, "heatmap")
    }
}

/// Contour lines of a function sampled on a rectangular grid, by marching
/// squares with linear interpolation along the cell edges. Cells with a
/// non-finite corner are skipped, so a line stops at an infinite value.
public enum ContourLines {
    /// A segment in fractional grid coordinates: (column, row) with column i
    /// at `x[i]` and row j at `y[j]`.
    public struct Segment: Sendable, Equatable {
        public var from: (column: Double, row: Double)
        public var to: (column: Double, row: Double)
        public static func == (a: Segment, b: Segment) -> Bool {
            a.from == b.from && a.to == b.to
        }
    }

    /// The segments of the level set `values == level`; `values[row][column]`.
    public static func segments(values: [[Double]], level: Double) -> [Segment] {
        let rows = values.count, columns = values.first?.count ?? 0
        guard rows >= 2, columns >= 2 else { return [] }
        var segments: [Segment] = []
        for j in 0..<(rows - 1) {
            for i in 0..<(columns - 1) {
                // Corners counter-clockwise from (i, j).
                let corners: [(Double, Double, Double)] = [
                    (Double(i), Double(j), values[j][i]), (Double(i + 1), Double(j), values[j][i + 1]),
                    (Double(i + 1), Double(j + 1), values[j + 1][i + 1]), (Double(i), Double(j + 1), values[j + 1][i]),
                ]
                guard corners.allSatisfy({ $0.2.isFinite }) else { continue }
                // Where the level crosses each of the four edges.
                var crossings: [(Double, Double)] = []
                for k in 0..<4 {
                    let a = corners[k], b = corners[(k + 1) % 4]
                    let aAbove = a.2 >= level, bAbove = b.2 >= level
                    guard aAbove != bAbove else { continue }
                    let t = (level - a.2) / (b.2 - a.2)
                    crossings.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
                }
                if crossings.count == 2 {
                    segments.append(Segment(from: (crossings[0].0, crossings[0].1), to: (crossings[1].0, crossings[1].1)))
                } else if crossings.count == 4 {
                    // A saddle: pair the crossings by the value at the cell centre.
                    let centre = corners.map(\.2).reduce(0, +) / 4
                    let firstAbove = corners[0].2 >= level
                    if (centre >= level) == firstAbove {
                        segments.append(Segment(from: (crossings[0].0, crossings[0].1), to: (crossings[1].0, crossings[1].1)))
                        segments.append(Segment(from: (crossings[2].0, crossings[2].1), to: (crossings[3].0, crossings[3].1)))
                    } else {
                        segments.append(Segment(from: (crossings[3].0, crossings[3].1), to: (crossings[0].0, crossings[0].1)))
                        segments.append(Segment(from: (crossings[1].0, crossings[1].1), to: (crossings[2].0, crossings[2].1)))
                    }
                }
            }
        }
        return segments
    }
}

/// The data behind a figure as CSV, so that every figure can be redrawn
/// or checked with other tools.
extension Plot {
    /// One row per point, in series order: `series,x,y,error`. Names are
    /// quoted; a missing error bar is an empty field; non-finite values are
    /// written `inf`, `-inf` or `nan`.
    public var csv: String {
        var out = "series,x,y,error\n"
        func number(_ x: Double) -> String { x.isFinite ? "\(x)" : (x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf")) }
        for s in series {
            let name = "\"" + s.name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for p in s.points {
                out += "\(name),\(number(p.x)),\(number(p.y)),\(p.error.map(number) ?? "")\n"
            }
        }
        return out
    }
}

import Foundation

/// The parts every figure's SVG document shares.
enum SVGDocument {
    /// The XML declaration and the root element (width x height px, the
    /// font), a white background, the title and, when given, the subtitle,
    /// centred on the page; the figure's own elements follow it.
    static func opening(width: Double, height: Double, title: String, subtitle: String?) -> String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        \(TextFit.centredLine(title, cssClass: "title", y: 24, fontSize: 15, pageWidth: width))

        """
        if let subtitle {
            out += TextFit.centredLine(subtitle, cssClass: "subtitle", y: 42, fontSize: 12, pageWidth: width, fill: "#444") + "\n"
        }
        return out
    }
}

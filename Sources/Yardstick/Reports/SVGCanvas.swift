import Foundation

/// Builds an SVG image element by element, with a title and description for screen readers.
struct SVGCanvas {
    let width: Double
    let height: Double
    private var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        elements.append(
            "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\""
                + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
        )
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 2, dash: String? = nil) {
        let path = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        elements.append(
            "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\" stroke-linejoin=\"round\""
                + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>"
        )
    }

    mutating func circle(_ x: Double, _ y: Double, radius: Double, fill: String, stroke: String = "none") {
        elements.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\" fill=\"\(fill)\" stroke=\"\(stroke)\"/>")
    }

    mutating func diamond(_ x: Double, _ y: Double, size: Double, fill: String) {
        let points = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)].map { "\(f($0.0)),\(f($0.1))" }
        elements.append("<polygon points=\"\(points.joined(separator: " "))\" fill=\"\(fill)\" stroke=\"#1a1a1a\" stroke-width=\"1\"/>")
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ x: Double, _ y: Double, _ content: String, anchor: Anchor = .start, size: Double = 12, fill: String = "#1a1a1a", weight: String = "normal") {
        elements.append(
            "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(f(size))\" fill=\"\(fill)\" font-weight=\"\(weight)\">"
                + Escaping.xml(content) + "</text>"
        )
    }

    /// The `<svg>` element; `title` names the figure and `description` says what it shows.
    func render(title: String, description: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" "
            + "role=\"img\" aria-label=\"\(Escaping.xml(title))\" font-family=\"system-ui, sans-serif\">"
            + "<title>\(Escaping.xml(title))</title><desc>\(Escaping.xml(description))</desc>"
            + elements.joined() + "</svg>"
    }

    private func f(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

/// Colours readable by people with the common colour-vision deficiencies (Okabe and Ito's
/// palette); every series also differs in line style and carries a text label.
enum ChartColor {
    static let current = "#0072B2"   // blue, solid
    static let baseline = "#D55E00"  // vermillion, dashed
    static let axis = "#595959"
    static let grid = "#e3e3e3"
}

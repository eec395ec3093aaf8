/// Inline SVG charts for the HTML report: no scripts, no external resources.
public enum SVGChart {
    /// One line of a line chart.
    public struct Series: Sendable {
        /// Legend text (escaped when rendered).
        public var name: String
        /// A CSS colour.
        public var color: String
        /// One value per x position; `nil` leaves a gap.
        public var values: [Double?]

        public init(name: String, color: String, values: [Double?]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    static func n(_ v: Double) -> String { JSONWriter.fixed(v, decimals: 1) }

    /// A line chart: x positions evenly spaced (one per window), y from 0 to a little over the
    /// largest value, four labelled grid lines, up to five x labels, a legend.
    ///
    /// - Parameters:
    ///   - title: the accessible title (`<title>`).
    ///   - series: the lines.
    ///   - xLabels: one label per x position (only a few are drawn).
    ///   - yFormat: formats a y value for the axis.
    public static func line(
        title: String, series: [Series], xLabels: [String], yFormat: (Double) -> String, width: Int = 720, height: Int = 240
    ) -> String {
        let left = 78.0, right = 16.0, top = 28.0, bottom = 30.0
        let w = Double(width), h = Double(height)
        let plotW = w - left - right, plotH = h - top - bottom
        let count = max(xLabels.count, series.map(\.values.count).max() ?? 0)
        let maxY = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let yMax = maxY > 0 ? maxY * 1.1 : 1
        func x(_ i: Int) -> Double { count <= 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(count - 1) }
        func y(_ v: Double) -> Double { top + plotH * (1 - v / yMax) }
        var s = "<svg class=\"chart line-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\">"
        s += "<title>\(HTMLText.escape(title))</title>"
        s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>"
        for k in 0...4 {
            let v = yMax * Double(k) / 4
            let yy = y(v)
            s += "<line x1=\"\(n(left))\" y1=\"\(n(yy))\" x2=\"\(n(w - right))\" y2=\"\(n(yy))\" stroke=\"#e3e6ea\"/>"
            s += "<text x=\"\(n(left - 6))\" y=\"\(n(yy + 4))\" text-anchor=\"end\" class=\"axis\">\(HTMLText.escape(yFormat(v)))</text>"
        }
        if count > 0 {
            let ticks = Set(count <= 5 ? Array(0..<count) : (0..<5).map { $0 * (count - 1) / 4 })
            for i in ticks.sorted() where i < xLabels.count {
                s += "<text x=\"\(n(x(i)))\" y=\"\(n(h - 10))\" text-anchor=\"middle\" class=\"axis\">\(HTMLText.escape(xLabels[i]))</text>"
            }
        }
        for se in series {
            var d = ""
            var pen = false
            var dots = ""
            for (i, v) in se.values.enumerated() {
                guard let v else { pen = false; continue }
                d += (pen ? "L" : "M") + "\(n(x(i))) \(n(y(v)))"
                pen = true
                if count <= 40 { dots += "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(v)))\" r=\"2.2\" fill=\"\(se.color)\"/>" }
            }
            if !d.isEmpty {
                s += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(se.color)\" stroke-width=\"1.8\" class=\"series\"/>" + dots
            }
        }
        var lx = left
        for se in series {
            s += "<rect x=\"\(n(lx))\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(se.color)\"/>"
            s += "<text x=\"\(n(lx + 16))\" y=\"18\" class=\"legend\">\(HTMLText.escape(se.name))</text>"
            lx += 24 + Double(se.name.count) * 7
        }
        return s + "</svg>"
    }

    /// A bar chart of counts, one bar per bin (its label is the bar's tooltip), with `axisLabels`
    /// spread evenly under the x axis (e.g. the lowest, middle and highest value).
    public static func bars(
        title: String, bins: [(label: String, count: Int64)], axisLabels: [String], color: String = "#4c78a8",
        width: Int = 360, height: Int = 180
    ) -> String {
        let left = 44.0, right = 8.0, top = 10.0, bottom = 30.0
        let w = Double(width), h = Double(height)
        let plotW = w - left - right, plotH = h - top - bottom
        let maxC = Double(bins.map(\.count).max() ?? 0)
        var s = "<svg class=\"chart bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\">"
        s += "<title>\(HTMLText.escape(title))</title>"
        s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>"
        s += "<line x1=\"\(n(left))\" y1=\"\(n(top + plotH))\" x2=\"\(n(w - right))\" y2=\"\(n(top + plotH))\" stroke=\"#888\"/>"
        s += "<text x=\"\(n(left - 4))\" y=\"\(n(top + 8))\" text-anchor=\"end\" class=\"axis\">\(Int64(maxC))</text>"
        s += "<text x=\"\(n(left - 4))\" y=\"\(n(top + plotH))\" text-anchor=\"end\" class=\"axis\">0</text>"
        let bw = bins.isEmpty ? 0 : plotW / Double(bins.count)
        for (i, b) in bins.enumerated() {
            let bh = maxC > 0 ? plotH * Double(b.count) / maxC : 0
            let bx = left + bw * Double(i)
            s += "<rect class=\"bar\" x=\"\(n(bx + 0.5))\" y=\"\(n(top + plotH - bh))\" width=\"\(n(max(bw - 1, 0.5)))\" height=\"\(n(bh))\" fill=\"\(color)\"><title>\(HTMLText.escape(b.label)): \(b.count)</title></rect>"
        }
        for (i, label) in axisLabels.enumerated() {
            let k = axisLabels.count
            let anchor = i == 0 ? "start" : (i == k - 1 ? "end" : "middle")
            let tx = k <= 1 ? left : left + plotW * Double(i) / Double(k - 1)
            s += "<text x=\"\(n(tx))\" y=\"\(n(h - 10))\" text-anchor=\"\(anchor)\" class=\"axis\">\(HTMLText.escape(label))</text>"
        }
        return s + "</svg>"
    }
}

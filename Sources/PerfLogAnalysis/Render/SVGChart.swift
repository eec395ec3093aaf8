/// Inline SVG charts for the HTML report: no scripts, no external resources.
package enum SVGChart {
    /// One line of a line chart.
    package struct Series: Sendable {
        /// Legend text (escaped when rendered).
        package var name: String
        /// A CSS colour.
        package var color: String
        /// One value per x position; `nil` leaves a gap.
        package var values: [Double?]

        /// A series named `name`, drawn in CSS `color`, one value per window (`nil`: no data).
        package init(name: String, color: String, values: [Double?]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    static func n(_ v: Double) -> String { JSONWriter.fixed(v, decimals: 1) }

    /// Round axis ticks for values from 0 to `max`: a step of 1, 2 or 5 times a power of ten
    /// giving about `target` intervals, and the first multiple of the step at or over `max`.
    ///
    /// ```swift
    /// SVGChart.ticks(max: 394.6)   // (step: 100, top: 400): 0, 100, 200, 300, 400
    /// ```
    package static func ticks(max: Double, target: Int = 4) -> (step: Double, top: Double) {
        guard max.isFinite, max > 0 else { return (0.2, 1) }
        let raw = max / Double(Swift.max(1, target))
        var power = 1.0  // the power of ten at or below raw
        while raw >= power * 10 { power *= 10 }
        while raw < power { power /= 10 }
        let f = raw / power
        let step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power
        return (step, (max / step - 1e-9).rounded(.up) * step)
    }

    /// `value` with as many decimals as a tick `step` needs: `400` for a step of 100, `0.5` for 0.5.
    package static func tickText(_ value: Double, step: Double) -> String {
        guard step > 0, step.isFinite else { return JSONWriter.fixed(value, decimals: 1) }
        var decimals = 0
        var scaled = step
        while decimals < 9 && (scaled - scaled.rounded()).magnitude > 1e-6 * scaled {
            scaled *= 10
            decimals += 1
        }
        return JSONWriter.fixed(value, decimals: decimals)
    }

    /// A line chart: x positions evenly spaced (one per window), y from 0 to the first round tick
    /// at or over the largest value (``ticks(max:target:)``: steps of 1, 2 or 5 times a power of
    /// ten), a labelled grid line per tick, up to five x labels (the last one ending at the right
    /// edge of the plot, so it is never cut), a legend.
    ///
    /// - Parameters:
    ///   - title: the accessible title (`<title>`).
    ///   - series: the lines.
    ///   - xLabels: one label per x position (only a few are drawn).
    ///   - yFormat: formats a y tick for the axis, given the tick and the step between ticks.
    package static func line(
        title: String, series: [Series], xLabels: [String], yFormat: (_ value: Double, _ step: Double) -> String,
        width: Int = 720, height: Int = 240
    ) -> String {
        let left = 78.0
        let right = 16.0
        let top = 28.0
        let bottom = 30.0
        let w = Double(width)
        let h = Double(height)
        let plotW = w - left - right
        let plotH = h - top - bottom
        let count = max(xLabels.count, series.map(\.values.count).max() ?? 0)
        let maxY = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let (step, yMax) = ticks(max: maxY)
        func x(_ i: Int) -> Double { count <= 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(count - 1) }
        func y(_ v: Double) -> Double { top + plotH * (1 - v / yMax) }
        var s =
            "<svg class=\"chart line-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\">"
        s += "<title>\(HTMLText.escape(title))</title>"
        s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>"
        for k in 0...Int((yMax / step).rounded()) {
            let v = step * Double(k)
            let yy = y(v)
            s += "<line x1=\"\(n(left))\" y1=\"\(n(yy))\" x2=\"\(n(w - right))\" y2=\"\(n(yy))\" stroke=\"#e3e6ea\"/>"
            s +=
                "<text x=\"\(n(left - 6))\" y=\"\(n(yy + 4))\" text-anchor=\"end\" class=\"axis\">\(HTMLText.escape(yFormat(v, step)))</text>"
        }
        if count > 0 {
            let ticks = Set(count <= 5 ? Array(0..<count) : (0..<5).map { $0 * (count - 1) / 4 })
            for i in ticks.sorted() where i < xLabels.count {
                // The last label ends at the plot's right edge instead of being centred past it.
                let anchor = count > 1 && i == count - 1 ? "end" : "middle"
                s +=
                    "<text x=\"\(n(x(i)))\" y=\"\(n(h - 10))\" text-anchor=\"\(anchor)\" class=\"axis\">\(HTMLText.escape(xLabels[i]))</text>"
            }
        }
        for se in series {
            var d = ""
            var pen = false
            var dots = ""
            for (i, v) in se.values.enumerated() {
                guard let v else {
                    pen = false
                    continue
                }
                d += (pen ? "L" : "M") + "\(n(x(i))) \(n(y(v)))"
                pen = true
                if count <= 40 {
                    dots += "<circle cx=\"\(n(x(i)))\" cy=\"\(n(y(v)))\" r=\"2.2\" fill=\"\(se.color)\"/>"
                }
            }
            if !d.isEmpty {
                s +=
                    "<path d=\"\(d)\" fill=\"none\" stroke=\"\(se.color)\" stroke-width=\"1.8\" class=\"series\"/>"
                    + dots
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
    /// spread evenly under the x axis (e.g. the lowest, middle and highest value), round y ticks
    /// (``ticks(max:target:)``) and `yTitle` along the y axis.
    package static func bars(
        title: String, bins: [(label: String, count: Int64)], axisLabels: [String], yTitle: String = "events",
        color: String = "#4c78a8", width: Int = 360, height: Int = 180
    ) -> String {
        let left = 58.0
        let right = 8.0
        let top = 10.0
        let bottom = 30.0
        let w = Double(width)
        let h = Double(height)
        let plotW = w - left - right
        let plotH = h - top - bottom
        let largest = Double(bins.map(\.count).max() ?? 0)
        let (rawStep, rawTop) = ticks(max: largest, target: 3)
        // Counts are whole: a step below 1 would label fractions of an event.
        let step = max(1, rawStep)
        let maxC = largest > 0 ? max(step, (largest / step).rounded(.up) * step) : max(1, rawTop)
        var s =
            "<svg class=\"chart bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\">"
        s += "<title>\(HTMLText.escape(title))</title>"
        s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#fff\"/>"
        s +=
            "<line x1=\"\(n(left))\" y1=\"\(n(top + plotH))\" x2=\"\(n(w - right))\" y2=\"\(n(top + plotH))\" stroke=\"#888\"/>"
        for k in 0...Int((maxC / step).rounded()) {
            let v = step * Double(k)
            let yy = top + plotH * (1 - v / maxC)
            if k > 0 {
                s +=
                    "<line x1=\"\(n(left))\" y1=\"\(n(yy))\" x2=\"\(n(w - right))\" y2=\"\(n(yy))\" stroke=\"#eef0f3\"/>"
            }
            s += "<text x=\"\(n(left - 4))\" y=\"\(n(yy + 4))\" text-anchor=\"end\" class=\"axis\">\(Int64(v))</text>"
        }
        let midY = top + plotH / 2
        s +=
            "<text x=\"12\" y=\"\(n(midY))\" transform=\"rotate(-90 12 \(n(midY)))\" text-anchor=\"middle\" class=\"axis\">\(HTMLText.escape(yTitle))</text>"
        let bw = bins.isEmpty ? 0 : plotW / Double(bins.count)
        for (i, b) in bins.enumerated() {
            let bh = maxC > 0 ? plotH * Double(b.count) / maxC : 0
            let bx = left + bw * Double(i)
            s +=
                "<rect class=\"bar\" x=\"\(n(bx + 0.5))\" y=\"\(n(top + plotH - bh))\" width=\"\(n(max(bw - 1, 0.5)))\" height=\"\(n(bh))\" fill=\"\(color)\"><title>\(HTMLText.escape(b.label)): \(b.count)</title></rect>"
        }
        for (i, label) in axisLabels.enumerated() {
            let k = axisLabels.count
            let anchor = i == 0 ? "start" : (i == k - 1 ? "end" : "middle")
            let tx = k <= 1 ? left : left + plotW * Double(i) / Double(k - 1)
            s +=
                "<text x=\"\(n(tx))\" y=\"\(n(h - 10))\" text-anchor=\"\(anchor)\" class=\"axis\">\(HTMLText.escape(label))</text>"
        }
        return s + "</svg>"
    }
}

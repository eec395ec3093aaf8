import Testing

@testable import PerfLogAnalysis

/// The report's charts read cleanly: round y ticks (1-2-5 steps), the last x label inside the
/// chart, a y-axis title on histograms, and table cells that never break inside a word.
@Suite struct SVGChartTests {
    @Test func ticksAreRoundStepsOfOneTwoOrFive() {
        #expect(SVGChart.ticks(max: 394.6) == (step: 100, top: 400))
        #expect(SVGChart.ticks(max: 62.5) == (step: 20, top: 80))
        #expect(SVGChart.ticks(max: 3750) == (step: 1000, top: 4000))
        #expect(SVGChart.ticks(max: 400) == (step: 100, top: 400))
        let small = SVGChart.ticks(max: 0.054)
        #expect((small.step - 0.02).magnitude < 1e-12 && (small.top - 0.06).magnitude < 1e-12)
        #expect(SVGChart.ticks(max: 0) == (step: 0.2, top: 1))
        #expect(SVGChart.tickText(400, step: 100) == "400")
        #expect(SVGChart.tickText(1.5, step: 0.5) == "1.5")
        #expect(SVGChart.tickText(0.06, step: 0.02) == "0.06")
        #expect(HTMLReportRenderer.axisDuration(300, step: 100) == "300 ms")
        #expect(HTMLReportRenderer.axisDuration(3000, step: 1000) == "3 s")
    }

    static func texts(_ svg: String) -> [(attributes: String, text: String)] {
        svg.components(separatedBy: "<text ").dropFirst().map { piece in
            let attributes = String(piece.prefix { $0 != ">" })
            let text = piece.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" }
            return (attributes, String(text))
        }
    }

    @Test func aLineChartLabelsRoundTicksAndEndsItsLastXLabelInside() {
        let svg = SVGChart.line(
            title: "t", series: [.init(name: "p95", color: "#000", values: [12.5, 394.6, 200])],
            xLabels: ["10:00", "10:05", "10:10"], yFormat: { SVGChart.tickText($0, step: $1) + " ms" }, width: 400,
            height: 200)
        let labels = Self.texts(svg)
        #expect(
            labels.filter { $0.text.hasSuffix(" ms") }.map(\.text) == ["0 ms", "100 ms", "200 ms", "300 ms", "400 ms"])
        let last = labels.first { $0.text == "10:10" }
        #expect(last?.attributes.contains("text-anchor=\"end\"") == true)
        #expect(last?.attributes.contains("x=\"384.0\"") == true)  // the plot's right edge, inside the 400-wide chart
        #expect(labels.first { $0.text == "10:00" }?.attributes.contains("text-anchor=\"middle\"") == true)
    }

    @Test func aHistogramHasRoundCountTicksAndAYAxisTitle() {
        let svg = SVGChart.bars(title: "h", bins: [("a", 3), ("b", 87), ("c", 40)], axisLabels: ["1 ms", "10 ms"])
        let labels = Self.texts(svg)
        #expect(labels.contains { $0.text == "events" && $0.attributes.contains("rotate(-90") })
        let ticks = labels.compactMap { Int($0.text) }
        #expect(ticks == [0, 50, 100])
        let one = SVGChart.bars(title: "h", bins: [("a", 1)], axisLabels: [])
        #expect(Self.texts(one).compactMap { Int($0.text) } == [0, 1])
    }

    @Test func tableCellsBreakOnlyBetweenWords() {
        #expect(!HTMLReportRenderer.css.contains("break-all"))
        #expect(HTMLReportRenderer.css.contains("code{font-size:12px;overflow-wrap:break-word}"))
        #expect(HTMLReportRenderer.css.contains("td.op,td.t{white-space:nowrap}"))
    }
}

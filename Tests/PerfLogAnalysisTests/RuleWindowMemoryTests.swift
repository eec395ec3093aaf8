import Foundation
import PerfLog
import Testing

@testable import PerfLogAnalysis

/// Rule windows cost memory per window with data, not per window of the span: one line dated
/// 0001-01-01 stretches the span over two thousand years without a window per 5 minutes (or per
/// microsecond) of it.
@Suite struct RuleWindowMemoryTests {
    typealias D = WorkflowData

    static let ancient = #"{"ts":"0001-01-01T00:00:00.000000Z","level":"info","logger":"x","msg":"planted"}"#
    /// 10:00-10:15, p95 250 ms in every 5-minute window, about 6.7 events a minute.
    static var slowAPI: [String] {
        D.series("api.x", from: 0, to: 891, count: 100, durations: [100, 100, 100, 100, 100, 100, 100, 100, 100, 250])
    }
    static func p95(for every: Int64) -> SLORule {
        SLORule(
            name: "p95", match: RuleMatch(opGlobs: ["api.*"]), stat: .p95, comparison: .greater, threshold: 200,
            forMicroseconds: every)
    }
    static let lowTraffic = SLORule(
        name: "low", match: RuleMatch(opGlobs: ["api.*"]), stat: .ratePerMinute, comparison: .less, threshold: 10,
        forMicroseconds: 300_000_000)

    @Test func windowsWithDataFireWithoutThePlantedLine() throws {
        let r = try D.check(Self.slowAPI, rules: [Self.p95(for: 300_000_000)])
        #expect(r[0].state == .fired)
        #expect(r[0].windowCount == 3)
        #expect(r[0].heldWindowCount == 3)
        #expect(r[0].windows.map(\.length) == [1, 1, 1])
    }

    @Test func aLineFromYearOneCostsOneRunNotTwoHundredMillionWindows() throws {
        let r = try D.check([Self.ancient] + Self.slowAPI, rules: [Self.p95(for: 300_000_000), Self.lowTraffic])
        // 0001-01-01T00:00Z to the window of 10:14:51 on 2026-11-28, in 5-minute windows.
        let total: Int64 = (1_795_860_600 + 62_135_596_800) / 300 + 1
        #expect(total == 213_104_859)
        #expect(r[0].state == .ok)  // the windows without events do not hold
        #expect(r[0].windowCount == total)
        #expect(r[0].heldWindowCount == 3)
        #expect(r[0].windows.count == 4)
        #expect(
            r[0].windows[0]
                == RuleWindow(
                    start: Timestamp(microseconds: -62_135_596_800_000_000), length: total - 3, count: 0, value: nil,
                    holds: false))
        #expect(
            r[0].windows.dropFirst().map(\.start.description) == [
                "2026-11-28T10:00:00.000000Z", "2026-11-28T10:05:00.000000Z", "2026-11-28T10:10:00.000000Z",
            ])
        // A rate of 0 holds for `< 10`: the empty run holds, and so does every window with data.
        #expect(r[1].state == .fired)
        #expect(r[1].heldWindowCount == total)
        #expect(r[1].windows[0].value == 0)
        let json = CheckReportRenderer.json(r, input: InputStats())
        #expect(
            json.contains(
                #""windows":[{"start":"0001-01-01T00:00:00.000000Z","windows":213104856,"count":0,"value":null,"holds":false},{"start":"2026-11-28T10:00:00.000000Z","count":"#
            ), "\(json)")
        #expect(CheckReportRenderer.table(r, input: InputStats()).contains("3/213104859"))
    }

    @Test func microsecondWindowsOverTwoThousandYearsStayBounded() throws {
        let r = try D.check([Self.ancient] + Self.slowAPI, rules: [Self.p95(for: 1)])
        // 0001-01-01T00:00Z to the last event, 10:14:42.090000 on 2026-11-28, in microseconds.
        let total: Int64 = (1_795_860_000 + 62_135_596_800) * 1_000_000 + 882_090_000 + 1
        #expect(r[0].state == .ok)
        #expect(r[0].windowCount == total)
        #expect(r[0].heldWindowCount == 10)  // one window per event; only the 250 ms ones hold
        #expect(r[0].windows.count == 200)  // 100 events, each after a run of empty windows
    }
}

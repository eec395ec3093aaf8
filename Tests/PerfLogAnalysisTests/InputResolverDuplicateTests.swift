import Foundation
import Testing

@testable import PerfLogAnalysis

/// A file reached twice under any names is read once, and the names left out are listed.
@Suite struct InputResolverDuplicateTests {
    @Test func aSymlinkBesideItsTargetIsReadOnce() throws {
        let dir = InputFixtures.tempDir()
        InputFixtures.write([], to: dir + "/app.log")
        try FileManager.default.createSymbolicLink(atPath: dir + "/latest.log", withDestinationPath: "app.log")
        var skipped: [DuplicateInput] = []
        let got = try InputResolver.resolve([dir], duplicates: &skipped)
        #expect(got == [.file(dir + "/app.log")])
        #expect(skipped == [DuplicateInput(path: dir + "/latest.log", sameAs: dir + "/app.log")])
        #expect(skipped[0].description == "\(dir)/latest.log is the same file as \(dir)/app.log; read once")
    }

    @Test func theSamePathTwiceAGlobAndADirectoryAndAHardLinkAreReadOnce() throws {
        let dir = InputFixtures.tempDir()
        InputFixtures.write([], to: dir + "/a.log")
        InputFixtures.write([], to: dir + "/b.log")
        try FileManager.default.linkItem(atPath: dir + "/b.log", toPath: dir + "/c.ndjson")
        var skipped: [DuplicateInput] = []
        let got = try InputResolver.resolve(
            [dir + "/a.log", dir + "/a.log", dir + "/*.log", dir], duplicates: &skipped)
        #expect(got == [.file(dir + "/a.log"), .file(dir + "/b.log")])
        #expect(
            skipped == [
                DuplicateInput(path: dir + "/a.log", sameAs: dir + "/a.log"),
                DuplicateInput(path: dir + "/a.log", sameAs: dir + "/a.log"),
                DuplicateInput(path: dir + "/a.log", sameAs: dir + "/a.log"),
                DuplicateInput(path: dir + "/b.log", sameAs: dir + "/b.log"),
                DuplicateInput(path: dir + "/c.ndjson", sameAs: dir + "/b.log"),
            ])
        #expect(skipped[0].description == "\(dir)/a.log is given more than once; read once")
        #expect(try InputResolver.resolve([dir + "/b.log", dir + "/c.ndjson"]) == [.file(dir + "/b.log")])
    }
}

import FuzzSupport

// SwiftPM links an executable with `main` aliased to `FuzzQueryPrivacy_main`.
@_cdecl("FuzzQueryPrivacy_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

import FuzzSupport

// SwiftPM links an executable with `main` aliased to `FuzzTimeParser_main`.
@_cdecl("FuzzTimeParser_main")
func fuzzerMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { data, size in fuzz(data, size) }
}

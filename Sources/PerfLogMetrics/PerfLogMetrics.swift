// The swift-metrics backend lives here (see issue 6).

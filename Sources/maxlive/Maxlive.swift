import ArgumentParser
@main struct Maxlive: ParsableCommand {}

// The stdlib growth models, behind one protocol and in one registry. A model recognises the
// stdlib functions it prices (classified once per function name, StdlibCallIndex.swift) and
// builds its webs in each function (CollectionGrowth.swift has what they share). A new model
// is a type in a file of its own plus one line in `GrowthModels.all`.

import SILModel

protocol GrowthModelKind: Sendable {
    /// Marks in `entry` what the model knows of `function`, a stdlib function whose demangled
    /// name is `demangled` (`embedded`: a `$e` symbol of the Embedded stdlib).
    static func classify(_ function: Function, demangled: String, embedded: Bool, into entry: inout StdlibCallIndex.Entry)

    /// The model's webs in the builder's function.
    static func build(_ builder: inout GrowthBuilder) -> GrowthModel
}

enum GrowthModels {
    /// Every model, in the order their webs are built.
    static let all: [any GrowthModelKind.Type] = [
        ArrayGrowthModel.self,          // -O: inlined appends, `_consumeAndCreateNew`
        ArraySlotGrowthModel.self,      // -Onone: `Array.append(_:)` on a stack slot
        HashedTableGrowthModel.self,    // dictionaries and sets
        StringGrowthModel.self,         // `_StringGuts` in stack slots
    ]
}

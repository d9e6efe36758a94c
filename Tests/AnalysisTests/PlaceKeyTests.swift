// The keys by which a callee tells its caller which of the buffers it keeps is a place's one
// buffer (FieldPlaces.swift): what they name, and which a caller can read.

@testable import Analysis
import Testing

@Suite("Place keys")
struct PlaceKeyTests {
    @Test("A property of a parameter's object names the property and the parameter")
    func parameterKeys() {
        let p = PlaceKey.fieldOfParameter("field:Elevator.sorted@p3")
        #expect(p?.field == "Elevator.sorted")
        #expect(p?.parameter == 3)
        #expect(PlaceKey.fieldName("field:Outer.Inner.items@v42") == "Outer.Inner.items")
    }

    @Test("Only globals, @inout arrays and parameters' properties reach a caller; a value's property stays in its function")
    func exported() {
        #expect(PlaceKey.isExported("global:$e6Kernel5tableSaySiGvp"))
        #expect(PlaceKey.isExported(PlaceKey.argument(2)))
        #expect(PlaceKey.isExported("field:Queue.items@p0"))
        #expect(!PlaceKey.isExported("field:Queue.items@v17"))
        #expect(PlaceKey.fieldOfParameter("field:Queue.items@v17") == nil)
        #expect(PlaceKey.fieldOfParameter("global:field") == nil)
        #expect(PlaceKey.fieldName("arg:1") == nil)
    }
}

// USB enumeration: parse a configuration descriptor blob into interfaces and endpoints,
// kept as arrays inside class objects; pick a driver by class code; device list by address.

final class Endpoint {
    let address: UInt8
    let attributes: UInt8
    let maxPacket: Int
    init(address: UInt8, attributes: UInt8, maxPacket: Int) {
        self.address = address; self.attributes = attributes; self.maxPacket = maxPacket
    }
}

final class Interface {
    let number: UInt8
    let cls: UInt8
    var endpoints: [Endpoint] = []
    init(number: UInt8, cls: UInt8) { self.number = number; self.cls = cls }
}

final class UsbDevice {
    let address: Int
    var interfaces: [Interface] = []
    init(address: Int) { self.address = address }
}

func configBlob(interfaces: Int) -> [UInt8] {
    var b: [UInt8] = [9, 2, 0, 0, UInt8(interfaces), 1, 0, 0x80, 50]
    for i in 0..<interfaces {
        b += [9, 4, UInt8(i), 0, 2, i == 0 ? 3 : 8, 1, 1, 0]
        b += [7, 5, UInt8(0x81 + i), 3, 8, 0, 10]
        b += [7, 5, UInt8(0x01 + i), 2, 64, 0, 0]
    }
    return b
}

func parseConfig(_ b: [UInt8], into dev: UsbDevice) {
    var i = 0
    var current: Interface? = nil
    while i + 1 < b.count {
        let len = Int(b[i]), type = b[i + 1]
        if len == 0 || i + len > b.count { break }
        if type == 4 && dev.interfaces.count < 8 {
            let itf = Interface(number: b[i + 2], cls: b[i + 5])
            dev.interfaces.append(itf)
            current = itf
        } else if type == 5, let itf = current, itf.endpoints.count < 4 {
            itf.endpoints.append(Endpoint(address: b[i + 2], attributes: b[i + 3],
                                          maxPacket: Int(b[i + 4]) | Int(b[i + 5]) << 8))
        }
        i += len
    }
}

nonisolated(unsafe) var devices: [Int: UsbDevice] = [:]

@_semantics("maxlive.entry")
public func usbEnumerate(_ n: Int) -> Int {
    guard devices.count < 16 else { return -19 }
    let addr = devices.count + 1
    let dev = UsbDevice(address: addr)
    parseConfig(configBlob(interfaces: n & 7), into: dev)
    devices[addr] = dev
    return dev.interfaces.count
}

@_semantics("maxlive.entry")
public func usbBindDrivers(_ n: Int) -> Int {
    let dev = UsbDevice(address: 1)
    parseConfig(configBlob(interfaces: n & 7), into: dev)
    let names = dev.interfaces.map { itf -> String in
        switch itf.cls { case 3: return "usbhid"; case 8: return "usb-storage"; default: return "none" }
    }
    return Set(names).count
}

@_semantics("maxlive.entry")
public func usbEndpointTable(_ n: Int) -> Int {
    let dev = UsbDevice(address: 2)
    parseConfig(configBlob(interfaces: n & 7), into: dev)
    var bulkIn: [UInt8] = []
    for itf in dev.interfaces { for ep in itf.endpoints where ep.attributes == 2 { bulkIn.append(ep.address) } }
    return bulkIn.count
}

public func fixtureReset() { devices = [:] }

// inputs: usbEnumerate 0 1 5 7
// inputs: usbBindDrivers 0 1 2 7
// inputs: usbEndpointTable 0 1 7

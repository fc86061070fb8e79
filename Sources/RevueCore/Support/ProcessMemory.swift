import Foundation

/// The process's memory, for `revue build --timings`: what is resident now and the most
/// that was resident so far (the peak the 2,000-source target is about).
public struct ProcessMemory: Sendable {
    public var resident: Int
    public var peak: Int

    /// From `/proc/self/status` (VmRSS, VmHWM); nil where there is no procfs.
    public static func now() -> ProcessMemory? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        var fields: [Substring: Int] = [:]
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") || line.hasPrefix("VmHWM:") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if parts.count >= 2, let kilobytes = Int(parts[1]) { fields[parts[0]] = kilobytes * 1024 }
        }
        guard let resident = fields["VmRSS:"], let peak = fields["VmHWM:"] else { return nil }
        return ProcessMemory(resident: resident, peak: peak)
    }
}

import RevueCore
print("revue \(RevueVersion.current)")

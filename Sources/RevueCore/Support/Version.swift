public enum RevueVersion {
    public static let current = "0.1.0"
}

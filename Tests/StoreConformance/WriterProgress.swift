/// Which of a test's concurrent writers are still writing, for the tasks that run beside them.
actor WriterProgress {
    private var writing: Set<String>

    init(_ writers: Set<String>) {
        writing = writers
    }

    func finished(_ writer: String) {
        writing.remove(writer)
    }

    func isWriting(_ writer: String) -> Bool {
        writing.contains(writer)
    }

    var anyWriting: Bool {
        !writing.isEmpty
    }
}

// The GoogleSheets provider is being written.

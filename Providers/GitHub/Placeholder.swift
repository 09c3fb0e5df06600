// The GitHub provider is being written.

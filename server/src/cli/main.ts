console.error("source-check: not built yet");

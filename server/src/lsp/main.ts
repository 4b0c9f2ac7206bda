console.error("source-check server: not built yet");

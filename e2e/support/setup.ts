// Jest ignores `testTimeout` inside a project config: browser tests launch
// Chromium and run axe, which takes seconds, not the 5 s default.
jest.setTimeout(60_000);

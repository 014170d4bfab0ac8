import { cleanup } from "@testing-library/react";
import { afterEach } from "vitest";
import { useUi } from "../src/ui-state.js";

afterEach(() => {
  cleanup();
  useUi.getState().reset();
  localStorage.clear();
});

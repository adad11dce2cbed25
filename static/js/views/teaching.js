// @ts-check
// What teaching adds to the page: the class bar (shared mode) and the predict card.

import { createPredictor } from "../scenes/predict.js";
import { mountClassBar } from "./class-bar.js";
import { mountPredict } from "./predict.js";

/** @param {{main: any, lessons: any}} deps */
export function mountTeaching({ main, lessons }) {
  const predictor = createPredictor(main);
  mountClassBar({ main, lessons, predictor });
  mountPredict(predictor);
}

// @ts-check
// Which of the page's controls a teacher's lock covers (GET /api/class/locks: actions refused,
// settings fixed); the server refuses them anyway, the page greys them out.

/** Control id -> the locks that refuse what it sends (an action, or "fixed.<setting>"). */
export const CONTROL_LOCKS = {
  step: ["step"],
  play: ["train"],
  undo: ["undo"],
  reset: ["create"],
  preset: ["create"],
  "add-layer": ["create", "fixed.layers"], // its whole card (the architecture)
  "learning-rate": ["patch", "fixed.learning_rate"],
  "batch-size": ["patch", "fixed.batch_size"],
  dataset: ["patch", "fixed.dataset"],
  "hidden-activation": ["patch", "fixed.hidden_activation"],
  "output-activation": ["patch", "fixed.output_activation"],
  loss: ["patch", "fixed.loss"],
  optimizer: ["patch", "fixed.optimizer"],
  regularization: ["patch", "fixed.regularization"],
  "regularization-rate": ["patch", "fixed.regularization_rate"],
  features: ["patch", "fixed.features"], // the features' boxes
  generation: ["patch"], // a generated dataset's settings
};

/**
 * The lock in force on a control, or null.
 * @param {{actions: string[], fixed: Record<string, boolean>} | null} locks
 * @param {string} control an id of CONTROL_LOCKS
 */
export function lockOf(locks, control) {
  if (!locks) return null;
  const covering = CONTROL_LOCKS[/** @type {keyof typeof CONTROL_LOCKS} */ (control)] ?? [];
  return (
    covering.find((lock) =>
      lock.startsWith("fixed.") ? Boolean(locks.fixed[lock.slice(6)]) : locks.actions.includes(lock),
    ) ?? null
  );
}

/**
 * Every lock in force, as keys under "teacher.lock." (actions, then fixed settings).
 * @param {{actions: string[], fixed: Record<string, boolean>} | null} locks
 */
export const lockedNames = (locks) =>
  locks ? [...locks.actions, ...Object.keys(locks.fixed).filter((k) => locks.fixed[k])] : [];

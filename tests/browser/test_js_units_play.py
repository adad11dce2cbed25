"""The play loop's order: an answer is drawn once the next call is on its way."""

from playwright.sync_api import Page

from .test_js_units import run


def test_an_answer_is_drawn_after_the_next_call_is_sent_and_dropped_after_stop(
    app_page: Page,
) -> None:
    out = run(
        app_page,
        """
        const { createTrainer } = await m("model/trainer.js");
        const events = [];
        const answers = []; // each call's resolve, in the order sent
        let trainer;
        const sent = (n) => new Promise((resolve) => {
          const poll = () => (answers.length >= n ? resolve() : setTimeout(poll, 1));
          poll();
        });
        trainer = createTrainer({
          speed: () => 100, // steps owed at once after each answer
          maxSteps: () => 100,
          train: (steps) => {
            const n = answers.length + 1;
            events.push(`send ${n}`);
            return new Promise((resolve) =>
              answers.push(() => resolve({ trainMs: 1, show: () => events.push(`show ${n}`) })));
          },
          onError: (e) => events.push(`error ${e}`),
          onState: (running) => events.push(running ? "start" : "stop"),
          wait: () => new Promise((resolve) => setTimeout(resolve, 0)),
        });
        trainer.start();
        await sent(1);
        answers[0]();
        await sent(2);
        const second = [...events];
        answers[1]();
        await sent(3);
        trainer.stop();
        answers[2]();
        await trainer.idle();
        return { second, all: events };
        """,
    )
    # answer 1 is not drawn before call 2 is sent, and then at once (while 2 is out)
    assert out["second"] == ["start", "send 1", "send 2", "show 1"]
    # answer 3 came after Pause: not drawn (afterPlay fetches the exact state instead)
    assert out["all"] == ["start", "send 1", "send 2", "show 1", "send 3", "show 2", "stop"]

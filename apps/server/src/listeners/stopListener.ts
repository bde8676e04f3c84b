/**
 * Stops a listener: no new work starts; what is under way (a timer's pass) is returned, so that closing the
 * server waits for it before the database goes.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: most stops are the event bus's unsubscribes, which return void
export type StopListener = () => void | Promise<unknown>;

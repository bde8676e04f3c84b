export interface ModelVersion<M> {
  version: number;
  model: M;
  createdAt: Date;
  /** free text: who or what produced it ("knowledge edit", "rollback to 3") */
  note: string;
}

/**
 * The versions of one workspace's model. Publishing is one reference assignment, so a prediction
 * running concurrently uses either the old model or the new one, never a mix; older versions are kept
 * for rollback.
 */
export class ModelRegistry<M> {
  private readonly versions: ModelVersion<M>[] = [];
  private active: ModelVersion<M> | null = null;
  private nextVersion = 1;

  constructor(private readonly keep = 5) {}

  /** The model in service, or null before the first publish. */
  get current(): ModelVersion<M> | null {
    return this.active;
  }

  history(): readonly ModelVersion<M>[] {
    return [...this.versions];
  }

  /** Puts a model in service as a new version. */
  publish(model: M, note = ''): ModelVersion<M> {
    const version: ModelVersion<M> = { version: this.nextVersion++, model, createdAt: new Date(), note };
    this.versions.push(version);
    while (this.versions.length > this.keep) {
      // Never drop the one in service (it may be an old version after a rollback).
      const index = this.versions.findIndex((v) => v !== this.active);
      this.versions.splice(index, 1);
    }
    this.active = version;
    return version;
  }

  /** Back to the version before the current one (or to a given version); returns it, or null if none. */
  rollback(toVersion?: number): ModelVersion<M> | null {
    const index = this.active ? this.versions.indexOf(this.active) : -1;
    const target =
      toVersion === undefined ? this.versions[index - 1] : this.versions.find((v) => v.version === toVersion);
    if (!target) return null;
    this.active = target;
    return target;
  }
}

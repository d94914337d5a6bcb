/** Input of the architecture engine; every list holds free-text lines as the user wrote them. */
export interface ArchitectureRequest {
  project_description: string;
  tech_stack?: readonly string[];
  requirements?: readonly string[];
  constraints?: readonly string[];
}

/** An architecture style the engine can choose. `id` is kebab-case (`modular-monolith`). */
export interface ArchitectureStyle {
  id: string;
  name: string;
}

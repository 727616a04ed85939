// The package's public API (`import { defineScenario } from 'privlab'`): what a scenario file uses.

export * from './core/scenario.ts';
export * from './core/target.ts';
export { PHASES, VARIANTS, CHOICE_KINDS, type PhaseName, type VariantName, type ChoiceKind } from './core/phase.ts';

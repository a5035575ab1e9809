export * from './workflow-hooks';
export * from './workflow.service';
export * from './workflow.module';
export { StageTransitionEntity } from './stage-transition.entity';

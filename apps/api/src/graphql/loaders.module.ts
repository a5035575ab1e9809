import { Module } from '@nestjs/common';
import { DraftingModule } from '@tripartite/drafting';
import { DraftingLoadersFactory } from '../drafting/drafting.loaders';
import { LoadersFactory } from './loaders';

@Module({ imports: [DraftingModule], providers: [LoadersFactory, DraftingLoadersFactory], exports: [LoadersFactory] })
export class LoadersModule {}

import { describe, expect, it } from 'vitest';
import { writtenForms } from './written-forms';

describe('writtenForms', () => {
  it('makes each separator between two words optional', () => {
    expect(writtenForms('Hugging Face')).toEqual(['Hugging Face', 'HuggingFace']);
    expect(writtenForms('01.AI')).toEqual(['01.AI', '01AI']);
    expect(writtenForms('AI 联盟')).toEqual(['AI 联盟', 'AI联盟']);
    expect(writtenForms('Kai-Fu Lee')).toEqual(['Kai-Fu Lee', 'KaiFu Lee', 'Kai-FuLee', 'KaiFuLee']);
  });

  it('keeps a one-word name and separators at the edges as they are', () => {
    expect(writtenForms('OpenAI')).toEqual(['OpenAI']);
    expect(writtenForms('U.S.')).toEqual(['U.S.']);
    expect(writtenForms('C.Lab')).toEqual(['C.Lab']);
    expect(writtenForms('-x')).toEqual(['-x']);
  });

  it('joins a long name all at once or not at all', () => {
    expect(writtenForms('DeepSeek-R1-Distill-Qwen')).toEqual(['DeepSeek-R1-Distill-Qwen', 'DeepSeekR1DistillQwen']);
  });
});

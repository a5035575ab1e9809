export * from './paper-data';
export * from './paper-format';
export * from './paper-markdown';
export * from './paper-html';
export * from './paper-i18n';
export * from './paper-render';
export * from './paper-docx';
export * from './paper-pdf';

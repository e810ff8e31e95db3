import JSZip from 'jszip';

// Reading a Word document the way a person would see it, to check what Heard wrote in it: a
// .docx is a zip whose word/document.xml holds the paragraphs.

/** The words of a Word document, paragraph by paragraph, as Word would show them. */
export async function docxParagraphs(content: Buffer): Promise<string[]> {
  const xml = await (await JSZip.loadAsync(content)).file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((paragraph) =>
    [...paragraph[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)]
      .map((part) => (part[0] === '<w:br/>' ? '\n' : (part[1] ?? '')))
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>'),
  );
}

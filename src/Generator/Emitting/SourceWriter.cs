using System;
using System.Text;

namespace Backprop.Generators.Emitting
{
    /// <summary>An indented text writer with <c>\n</c> line endings, so output is identical on every machine.</summary>
    internal sealed class SourceWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        public void Line(string text = "")
        {
            if (text.Length > 0)
            {
                for (int i = 0; i < _indent; i++)
                {
                    _builder.Append(IndentUnit);
                }

                _builder.Append(text);
            }

            _builder.Append('\n');
        }

        /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the result is disposed.</summary>
        public IDisposable Block(string header)
        {
            Line(header);
            return Block();
        }

        /// <summary>Writes an opening brace and indents until the result is disposed, which writes the closing brace.</summary>
        public IDisposable Block()
        {
            Line("{");
            _indent++;
            return new Closer(this);
        }

        /// <summary>Appends text to the line just written, before its line break.</summary>
        public void AppendToLastLine(string text)
        {
            _builder.Length--;
            _builder.Append(text).Append('\n');
        }

        public override string ToString() => _builder.ToString();

        private sealed class Closer : IDisposable
        {
            private readonly SourceWriter _writer;
            private bool _closed;

            public Closer(SourceWriter writer) => _writer = writer;

            public void Dispose()
            {
                if (!_closed)
                {
                    _closed = true;
                    _writer._indent--;
                    _writer.Line("}");
                }
            }
        }
    }
}

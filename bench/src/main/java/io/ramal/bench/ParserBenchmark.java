package io.ramal.bench;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.ramal.sip.message.ParseResult;
import io.ramal.sip.message.SipMessage;
import io.ramal.sip.message.SipParser;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Ramal's parser against JAIN-SIP RI's {@link StringMsgParser} on the same bytes, one thread.
 *
 * <p>JAIN-SIP parses every header into its typed object up front; Ramal keeps header values as
 * text and keeps typed only the headers it validates (Via, From, To, CSeq, Call-ID), others when
 * asked for. The {@code *Parse} benchmarks measure bytes to message; the {@code *ParseAndRead}
 * ones also read what a proxy reads on every message (top Via branch, From and To tags, CSeq,
 * Call-ID), which is the fair comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class ParserBenchmark {
  @Param({"INVITE", "OK", "REGISTER"})
  public BenchMessages message;

  private byte[] wire;
  private StringMsgParser jainSip;

  @Setup(Level.Trial)
  public void setUp() throws ParseException {
    wire = message.bytes();
    jainSip = new StringMsgParser();
    // Both parsers must accept the message, or the comparison means nothing.
    if (!(SipParser.parse(wire) instanceof ParseResult.Parsed)) {
      throw new IllegalStateException("Ramal rejects the " + message + " fixture: " + SipParser.parse(wire));
    }
    if (jainSip.parseSIPMessage(wire, true, false, null) == null) {
      throw new IllegalStateException("JAIN-SIP rejects the " + message + " fixture");
    }
  }

  @Benchmark
  public ParseResult ramalParse() {
    return SipParser.parse(wire);
  }

  @Benchmark
  public void ramalParseAndRead(Blackhole bh) {
    if (!(SipParser.parse(wire) instanceof ParseResult.Parsed(SipMessage m))) throw new IllegalStateException();
    bh.consume(m.topVia().branch());
    bh.consume(m.from().tag());
    bh.consume(m.to().tag());
    bh.consume(m.cseq());
    bh.consume(m.callId());
  }

  @Benchmark
  public SIPMessage jainSipParse() throws ParseException {
    return jainSip.parseSIPMessage(wire, true, false, null);
  }

  @Benchmark
  public void jainSipParseAndRead(Blackhole bh) throws ParseException {
    SIPMessage m = jainSip.parseSIPMessage(wire, true, false, null);
    bh.consume(((Via) m.getTopmostVia()).getBranch());
    bh.consume(m.getFrom().getTag());
    bh.consume(m.getTo().getTag());
    CSeq cseq = (CSeq) m.getCSeq();
    bh.consume(cseq.getSeqNumber());
    bh.consume(cseq.getMethod());
    bh.consume(m.getCallId().getCallId());
  }
}

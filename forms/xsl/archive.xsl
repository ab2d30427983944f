<?xml version="1.0" encoding="UTF-8"?>
<!--
  archive.xsl: the archive copy of a closed relay log as one complete,
  self-contained HTML document: stored when the log is closed and
  downloaded as one file, so the styles are inline (with print rules)
  and it links, loads and runs nothing. The view is <archive lang> with
  the whole <log> (no rights) and its <closing> note (caseclose.c).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <!-- Dates: 31.03.2024 in Norwegian, 2024-03-31 in English. -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:choose>
      <xsl:when test="string-length($d) &lt; 10"><xsl:value-of select="$d"/></xsl:when>
      <xsl:when test="/*/@lang = 'en'"><xsl:value-of select="$d"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(substring($d, 9, 2), '.', substring($d, 6, 2), '.', substring($d, 1, 4), substring($d, 11))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="/">
    <xsl:variable name="l" select="archive/log"/>
    <xsl:variable name="closed">
      <xsl:choose>
        <xsl:when test="$l/@closed"><xsl:value-of select="$l/@closed"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$l/events/event[@kind = 'closed'][1]/@at"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="closed-text"><xsl:call-template name="date"><xsl:with-param name="d" select="$closed"/></xsl:call-template></xsl:variable>
    <html lang="{archive/@lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="i:t('Relay log {0} – archive copy', $l/@reference)"/></title>
        <style><xsl:call-template name="style"/></style>
      </head>
      <body>
        <header class="doc-head">
          <p class="kind"><xsl:value-of select="i:t('Stafett – archive copy of a closed relay log')"/></p>
          <h1><xsl:value-of select="i:t('Relay log for {0}', $l/@child)"/></h1>
          <p class="sub">
            <span class="ref"><xsl:value-of select="$l/@reference"/></span>
            <xsl:if test="$closed-text != ''">
              <xsl:text> · </xsl:text>
              <xsl:value-of select="i:t('Closed {0}', $closed-text)"/>
            </xsl:if>
          </p>
        </header>
        <main>
          <xsl:apply-templates select="$l" mode="archive"/>
        </main>
        <footer>
          <p>
            <xsl:value-of select="i:t('This copy was made when the relay log was closed and is not changed afterwards. It contains information about a child: keep it as the municipality’s archive rules say.')"/>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="log" mode="archive">
    <xsl:variable name="lv" select="guide/level[@n = current()/@level]"/>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Child')"/></dt>
      <dd>
        <xsl:value-of select="@child"/>
        <xsl:if test="@birth-date">
          <xsl:text> (</xsl:text>
          <xsl:value-of select="i:t('born')"/><xsl:text> </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="@birth-date"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
        <xsl:if test="@expected-date and not(@birth-date)">
          <xsl:text> (</xsl:text>
          <xsl:value-of select="i:t('not born yet, expected')"/><xsl:text> </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="@expected-date"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </dd>
      <dt><xsl:value-of select="i:t('Level when closed')"/></dt>
      <dd>
        <xsl:call-template name="level">
          <xsl:with-param name="n" select="@level"/>
          <xsl:with-param name="name" select="$lv/@name"/>
          <xsl:with-param name="lang" select="$lv/@name-lang"/>
        </xsl:call-template>
      </dd>
      <dt><xsl:value-of select="i:t('Relay holder')"/></dt>
      <dd>
        <xsl:value-of select="@holder"/>
        <xsl:if test="@holder-unit"><xsl:text>, </xsl:text><xsl:value-of select="@holder-unit"/></xsl:if>
      </dd>
      <dt><xsl:value-of select="i:t('Home unit')"/></dt>
      <dd><xsl:value-of select="@home-unit"/></dd>
      <dt><xsl:value-of select="i:t('Opened')"/></dt>
      <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Reference')"/></dt>
      <dd><span class="ref"><xsl:value-of select="@reference"/></span></dd>
    </dl>

    <section>
      <h2><xsl:value-of select="i:t('Closing note')"/></h2>
      <xsl:choose>
        <xsl:when test="closing/form">
          <xsl:apply-templates select="closing/form" mode="show">
            <xsl:with-param name="h" select="3"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:otherwise><p class="none"><xsl:value-of select="i:t('No closing note.')"/></p></xsl:otherwise>
      </xsl:choose>
    </section>

    <section>
      <h2><xsl:value-of select="i:t('Where the case stood')"/></h2>
      <p>
        <xsl:call-template name="level">
          <xsl:with-param name="n" select="@level"/>
          <xsl:with-param name="name" select="$lv/@name"/>
          <xsl:with-param name="lang" select="$lv/@name-lang"/>
        </xsl:call-template>
      </p>
      <ol class="steps">
        <xsl:for-each select="$lv/step">
          <li>
            <xsl:choose>
              <xsl:when test="@done"><strong>✓ <xsl:value-of select="i:t('Done')"/>: </strong></xsl:when>
              <xsl:otherwise><strong><xsl:value-of select="i:t('Not done')"/>: </strong></xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="."/>
            <xsl:if test="@due">
              <xsl:variable name="due"><xsl:call-template name="date"><xsl:with-param name="d" select="@due"/></xsl:call-template></xsl:variable>
              <xsl:text> </xsl:text>
              <span class="muted"><xsl:value-of select="i:t('(due {0})', $due)"/></span>
            </xsl:if>
          </li>
        </xsl:for-each>
      </ol>
    </section>

    <section>
      <h2><xsl:value-of select="i:t('Participants')"/></h2>
      <table>
        <thead>
          <tr>
            <th scope="col"><xsl:value-of select="i:t('Name')"/></th>
            <th scope="col"><xsl:value-of select="i:t('Unit')"/></th>
            <th scope="col"><xsl:value-of select="i:t('Takes part as')"/></th>
          </tr>
        </thead>
        <tbody>
          <xsl:for-each select="participants/participant">
            <tr>
              <td><xsl:value-of select="@name"/></td>
              <td>
                <xsl:value-of select="@unit"/>
                <xsl:if test="@service">
                  <xsl:text> (</xsl:text><xsl:call-template name="service"><xsl:with-param name="code" select="@service"/></xsl:call-template><xsl:text>)</xsl:text>
                </xsl:if>
              </td>
              <td>
                <xsl:choose>
                  <xsl:when test="@holder"><xsl:value-of select="i:t('Relay holder')"/></xsl:when>
                  <xsl:otherwise>
                    <xsl:value-of select="i:t('Participant')"/>
                    <xsl:if test="@covered = 'false'"><xsl:text> – </xsl:text><xsl:value-of select="i:t('no access: not covered by a valid consent')"/></xsl:if>
                  </xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>

    <xsl:if test="roles/role">
      <section>
        <h2><xsl:value-of select="i:t('Coordination and the responsible group')"/></h2>
        <ul>
          <xsl:for-each select="roles/role">
            <li>
              <xsl:value-of select="@name"/><xsl:text>, </xsl:text><xsl:value-of select="@unit"/><xsl:text>: </xsl:text>
              <xsl:choose>
                <xsl:when test="@code = 'child_coordinator'"><xsl:value-of select="i:t('Child coordinator')"/></xsl:when>
                <xsl:when test="@code = 'coordinator'"><xsl:value-of select="i:t('Coordinator of the individual plan')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('Member of the responsible group')"/></xsl:otherwise>
              </xsl:choose>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>

    <section>
      <h2><xsl:value-of select="i:t('Consents')"/></h2>
      <xsl:if test="not(consents/consent)"><p class="none"><xsl:value-of select="i:t('No consent was recorded.')"/></p></xsl:if>
      <xsl:for-each select="consents/consent">
        <div class="item">
          <h3><xsl:call-template name="consent-covers"/></h3>
          <dl class="facts">
            <dt><xsl:value-of select="i:t('State')"/></dt>
            <dd>
              <xsl:choose>
                <xsl:when test="@status = 'withdrawn'">
                  <xsl:value-of select="i:t('Withdrawn')"/>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="date"><xsl:with-param name="d" select="@withdrawn"/></xsl:call-template>
                  <xsl:if test="@withdrawn-by"><xsl:text>, </xsl:text><xsl:value-of select="@withdrawn-by"/></xsl:if>
                </xsl:when>
                <xsl:when test="@valid = 'true'"><xsl:value-of select="i:t('Valid')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('Not valid now (expired or not started)')"/></xsl:otherwise>
              </xsl:choose>
            </dd>
            <dt><xsl:value-of select="i:t('Valid')"/></dt>
            <dd>
              <xsl:variable name="from"><xsl:call-template name="date"><xsl:with-param name="d" select="@from"/></xsl:call-template></xsl:variable>
              <xsl:variable name="to"><xsl:call-template name="date"><xsl:with-param name="d" select="@expires"/></xsl:call-template></xsl:variable>
              <xsl:value-of select="i:t('{0} to {1}', $from, $to)"/>
            </dd>
            <dt><xsl:value-of select="i:t('Purpose')"/></dt>
            <dd class="text"><xsl:value-of select="."/></dd>
            <dt><xsl:value-of select="i:t('Given')"/></dt>
            <dd>
              <xsl:choose>
                <xsl:when test="@method = 'paper'"><xsl:value-of select="i:t('on paper')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('digitally')"/></xsl:otherwise>
              </xsl:choose>
              <xsl:text>; </xsl:text>
              <xsl:variable name="when"><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></xsl:variable>
              <xsl:value-of select="i:t('recorded by {0}, {1}', @by, $when)"/>
              <xsl:if test="@method = 'paper'">
                <xsl:text>; </xsl:text>
                <xsl:choose>
                  <xsl:when test="@scan"><xsl:value-of select="i:t('the scanned form is kept with the consent')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="i:t('no scanned form was attached')"/></xsl:otherwise>
                </xsl:choose>
              </xsl:if>
            </dd>
          </dl>
        </div>
      </xsl:for-each>
    </section>

    <section>
      <h2><xsl:value-of select="i:t('Measures')"/></h2>
      <xsl:if test="not(measures/measure)"><p class="none"><xsl:value-of select="i:t('No measures.')"/></p></xsl:if>
      <xsl:for-each select="measures/measure">
        <div class="item">
          <h3 class="text"><xsl:value-of select="what"/></h3>
          <dl class="facts">
            <dt><xsl:value-of select="i:t('Goal')"/></dt>
            <dd class="text"><xsl:value-of select="goal"/></dd>
            <dt><xsl:value-of select="i:t('Responsible')"/></dt>
            <dd><xsl:value-of select="@responsible"/></dd>
            <dt><xsl:value-of select="i:t('Started')"/></dt>
            <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@start"/></xsl:call-template></dd>
            <dt><xsl:value-of select="i:t('Evaluation date')"/></dt>
            <dd><xsl:call-template name="date"><xsl:with-param name="d" select="@evaluation"/></xsl:call-template></dd>
            <dt><xsl:value-of select="i:t('State')"/></dt>
            <dd>
              <xsl:choose>
                <xsl:when test="@status = 'ended'"><xsl:value-of select="i:t('Ended')"/></xsl:when>
                <xsl:when test="@status = 'evaluated'"><xsl:value-of select="i:t('Evaluated')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="i:t('Active')"/></xsl:otherwise>
              </xsl:choose>
              <xsl:choose>
                <xsl:when test="@result = 'worked'"><xsl:text>. </xsl:text><xsl:value-of select="i:t('Last result: worked')"/></xsl:when>
                <xsl:when test="@result = 'partly'"><xsl:text>. </xsl:text><xsl:value-of select="i:t('Last result: worked partly')"/></xsl:when>
                <xsl:when test="@result = 'not'"><xsl:text>. </xsl:text><xsl:value-of select="i:t('Last result: did not work')"/></xsl:when>
              </xsl:choose>
            </dd>
          </dl>
        </div>
      </xsl:for-each>
    </section>

    <section>
      <h2><xsl:value-of select="i:t('Meetings')"/></h2>
      <xsl:if test="not(meetings/meeting)"><p class="none"><xsl:value-of select="i:t('No meetings.')"/></p></xsl:if>
      <xsl:for-each select="meetings/meeting">
        <div class="item">
          <h3>
            <xsl:call-template name="datetime"><xsl:with-param name="d" select="@starts"/></xsl:call-template>
            <xsl:text> · </xsl:text>
            <xsl:value-of select="@place"/>
          </h3>
          <dl class="facts">
            <dt><xsl:value-of select="i:t('Invited')"/></dt>
            <dd>
              <xsl:if test="@family-invited">
                <p><xsl:value-of select="i:t('The family: the guardians, and the young person from 15')"/></p>
              </xsl:if>
              <xsl:if test="not(invitee) and not(@family-invited)"><xsl:value-of select="i:t('No one invited in Stafett')"/></xsl:if>
              <xsl:for-each select="invitee">
                <p>
                  <xsl:value-of select="@name"/>
                  <xsl:text>: </xsl:text>
                  <xsl:choose>
                    <xsl:when test="@answer = 'coming'"><xsl:value-of select="i:t('coming')"/></xsl:when>
                    <xsl:when test="@answer = 'not_coming'"><xsl:value-of select="i:t('cannot come')"/></xsl:when>
                    <xsl:when test="@answer = 'other_time'"><xsl:value-of select="i:t('asks for another time')"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="i:t('not answered')"/></xsl:otherwise>
                  </xsl:choose>
                  <xsl:if test="normalize-space(.) != ''"><xsl:text> – </xsl:text><xsl:value-of select="."/></xsl:if>
                </p>
              </xsl:for-each>
            </dd>
            <dt><xsl:value-of select="i:t('Agenda')"/></dt>
            <dd class="text"><xsl:value-of select="agenda"/></dd>
          </dl>
        </div>
      </xsl:for-each>
    </section>

    <section>
      <h2><xsl:value-of select="i:t('Minutes')"/></h2>
      <xsl:if test="not(minutes-list/minutes[@status = 'final'])"><p class="none"><xsl:value-of select="i:t('No minutes.')"/></p></xsl:if>
      <xsl:for-each select="minutes-list/minutes[@status = 'final']">
        <div class="item minutes">
          <h3>
            <xsl:choose>
              <xsl:when test="@meeting-starts">
                <xsl:variable name="when"><xsl:call-template name="datetime"><xsl:with-param name="d" select="@meeting-starts"/></xsl:call-template></xsl:variable>
                <xsl:value-of select="i:t('Minutes of the meeting {0}', $when)"/>
              </xsl:when>
              <xsl:otherwise><xsl:value-of select="i:t('Minutes')"/></xsl:otherwise>
            </xsl:choose>
            <xsl:if test="@corrects"><xsl:text> </xsl:text><xsl:value-of select="i:t('(a correction)')"/></xsl:if>
          </h3>
          <p class="muted">
            <xsl:variable name="when"><xsl:call-template name="date"><xsl:with-param name="d" select="@finalised"/></xsl:call-template></xsl:variable>
            <xsl:value-of select="i:t('Written by {0}, final {1}', @author, $when)"/>
          </p>
          <xsl:apply-templates select="form" mode="show">
            <xsl:with-param name="h" select="4"/>
          </xsl:apply-templates>
        </div>
      </xsl:for-each>
    </section>

    <section>
      <h2><xsl:value-of select="i:t('Notices to partners')"/></h2>
      <xsl:choose>
        <xsl:when test="not(notices/notice)"><p class="none"><xsl:value-of select="i:t('Nothing was sent to partners.')"/></p></xsl:when>
        <xsl:otherwise>
          <table>
            <thead>
              <tr>
                <th scope="col"><xsl:value-of select="i:t('What')"/></th>
                <th scope="col"><xsl:value-of select="i:t('To')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Made')"/></th>
                <th scope="col"><xsl:value-of select="i:t('State')"/></th>
                <th scope="col"><xsl:value-of select="i:t('Answer')"/></th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="notices/notice">
                <tr>
                  <td><xsl:call-template name="notice-what"/></td>
                  <td><xsl:call-template name="notice-to"/></td>
                  <td><xsl:call-template name="date"><xsl:with-param name="d" select="@created"/></xsl:call-template></td>
                  <td><xsl:call-template name="notice-state"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                  <td><xsl:call-template name="notice-answer"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
    </section>

    <section>
      <h2><xsl:value-of select="i:t('Timeline')"/></h2>
      <p class="muted"><xsl:value-of select="i:t('{0} entries, oldest first.', count(events/event))"/></p>
      <ol class="timeline">
        <xsl:apply-templates select="events/event" mode="timeline">
          <xsl:sort select="position()" data-type="number" order="descending"/>
          <xsl:with-param name="links" select="false()"/>
        </xsl:apply-templates>
      </ol>
    </section>
  </xsl:template>

  <!-- Stored forms with headings that fit where they are shown. -->
  <xsl:template match="form" mode="show">
    <xsl:param name="h" select="3"/>
    <div class="answers">
      <xsl:apply-templates select="controls/*" mode="show">
        <xsl:with-param name="h" select="$h"/>
      </xsl:apply-templates>
    </div>
  </xsl:template>

  <xsl:template match="group" mode="show">
    <xsl:param name="h" select="3"/>
    <div class="answer-group">
      <xsl:if test="label">
        <xsl:element name="h{$h}"><xsl:value-of select="label"/></xsl:element>
      </xsl:if>
      <xsl:if test="*[not(self::group or self::repeat or self::label or self::hint or self::help)]">
        <dl>
          <xsl:apply-templates select="*[not(self::group or self::repeat)]" mode="show"/>
        </dl>
      </xsl:if>
      <xsl:apply-templates select="group | repeat" mode="show">
        <xsl:with-param name="h" select="$h + 1"/>
      </xsl:apply-templates>
    </div>
  </xsl:template>

  <xsl:template match="repeat" mode="show">
    <xsl:param name="h" select="4"/>
    <xsl:variable name="hn">
      <xsl:choose>
        <xsl:when test="$h &gt; 6">6</xsl:when>
        <xsl:otherwise><xsl:value-of select="$h"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="row">
      <div class="answer-row">
        <xsl:element name="h{$hn}">
          <xsl:choose>
            <xsl:when test="../@row-label"><xsl:value-of select="concat(../@row-label, ' ', @index)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('Row {0}', @index)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:element>
        <dl><xsl:apply-templates select="*[not(self::group or self::repeat)]" mode="show"/></dl>
        <xsl:apply-templates select="group" mode="show">
          <xsl:with-param name="h" select="$h + 1"/>
        </xsl:apply-templates>
      </div>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="style">
    <xsl:text>
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0 auto; max-width: 50rem; padding: 1.5rem 1rem 2rem; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; line-height: 1.5; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.25rem 0 0.5rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid #12355b; padding-bottom: 0.2rem; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 0.4rem; }
h4, h5, h6 { font-size: 1rem; margin: 1rem 0 0.3rem; }
.doc-head { border-bottom: 4px solid #12355b; padding-bottom: 0.75rem; margin-bottom: 1.25rem; }
.kind { margin: 0; color: #505a5f; font-size: 0.95rem; }
.sub { margin: 0; color: #505a5f; }
.ref { font-family: ui-monospace, "DejaVu Sans Mono", monospace; letter-spacing: 0.05em; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; margin: 0.5rem 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.text { white-space: pre-wrap; }
.muted, .none { color: #505a5f; }
.none { font-style: italic; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid #b1b4b6; }
.item { border-left: 4px solid #12355b; padding: 0.1rem 0 0.1rem 0.9rem; margin: 0 0 1rem; }
.item h3 { margin-top: 0.25rem; }
.answers dt { font-weight: 600; margin-top: 0.6rem; }
.answers dd { margin: 0.1rem 0 0; }
.answer-row { border-left: 3px solid #b1b4b6; padding-left: 0.75rem; margin: 0.5rem 0; }
ol.steps { padding-left: 1.5rem; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 3px solid #b1b4b6; }
ol.timeline li { margin: 0 0 0.75rem; padding: 0.3rem 0.75rem; }
.event-meta { margin: 0; color: #505a5f; font-size: 0.95rem; }
.event-kind { color: #1b1b1b; }
.event-text { margin: 0.1rem 0 0; white-space: pre-wrap; }
li.bright { background: #fff4d6; border: 1px solid #e8c46a; border-radius: 6px; }
li.bright .event-kind { color: #6b3a00; }
.tag { display: inline-block; font-size: 0.8rem; padding: 0 0.35rem; font-weight: 700; text-transform: uppercase; border: 1px solid currentColor; }
.state-text { display: block; color: #505a5f; font-size: 0.9rem; }
.notice-ref, .notice-answer, .answer-text { display: block; }
.answer-text { white-space: pre-wrap; }
footer { margin-top: 2.5rem; border-top: 1px solid #b1b4b6; padding-top: 0.75rem; color: #505a5f; font-size: 0.9rem; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3, h4 { break-after: avoid; page-break-after: avoid; }
  .item, ol.timeline li, tr { break-inside: avoid; page-break-inside: avoid; }
  li.bright { background: none; border: 1px solid #6b3a00; }
}
</xsl:text>
  </xsl:template>
</xsl:stylesheet>

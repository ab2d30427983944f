<?xml version="1.0" encoding="UTF-8"?>
<!--
  concern.xsl: one concern: the receipt after sending, what was written,
  its notices to partners with their true state (a report of concern
  nobody can receive is called out at the top), its timeline, and for
  its author and the unit's leader the decision
  (close, or level 1, 2 or 3, which opens the child's relay log;
  an anonymous concern then needs the child's identity) and the record
  of an anonymous team discussion. View: h_concern.c; after a refused
  decision <error field> and <typed name> (never the identity number).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('Concern {0}', concern/@reference)"/>
  </xsl:template>

  <!-- Which form an error belongs to. -->
  <xsl:template name="error-form">
    <xsl:param name="field"/>
    <xsl:choose>
      <xsl:when test="$field = 'team' or $field = 'advice'">discussed</xsl:when>
      <xsl:when test="$field = 'meeting'">agenda</xsl:when>
      <xsl:when test="/page/concern/passed/@can-receive">receive</xsl:when>
      <xsl:otherwise>decision</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="c" select="concern"/>
    <xsl:choose>
      <!-- An urgent concern's receipt leads with what must happen now:
           the call, then the report of concern; the receipt after. -->
      <xsl:when test="$c/@new and $c/@urgent">
        <xsl:call-template name="call-now">
          <xsl:with-param name="first" select="true()"/>
        </xsl:call-template>
        <div class="receipt" role="status">
          <h2><xsl:value-of select="i:t('The concern is registered')"/></h2>
          <p>
            <xsl:value-of select="i:t('Reference:')"/><xsl:text> </xsl:text>
            <strong class="ref"><xsl:value-of select="$c/@reference"/></strong>
          </p>
          <xsl:call-template name="who-decides"/>
        </div>
      </xsl:when>
      <xsl:when test="$c/@new">
        <div class="receipt" role="status">
          <h1><xsl:value-of select="i:t('The concern is registered')"/></h1>
          <p>
            <xsl:value-of select="i:t('Reference:')"/><xsl:text> </xsl:text>
            <strong class="ref"><xsl:value-of select="$c/@reference"/></strong>
          </p>
          <p>
            <xsl:value-of select="i:t('Decide the way forward by')"/><xsl:text> </xsl:text>
            <strong><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@deadline"/></xsl:call-template></strong>
            <xsl:text>: </xsl:text>
            <xsl:value-of select="i:t('close it, measures in your own service (level 1), or interdisciplinary cooperation (level 2).')"/>
          </p>
          <xsl:call-template name="who-decides"/>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <h1><xsl:value-of select="i:t('Concern {0}', $c/@reference)"/></h1>
        <xsl:if test="$c/@urgent and $c/@status != 'closed'">
          <xsl:call-template name="call-now"/>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:call-template name="unsent-callout">
      <xsl:with-param name="notices" select="$c/notices"/>
    </xsl:call-template>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('Nothing was saved. Correct this:')"/></h2>
        <ul>
          <xsl:for-each select="error">
            <xsl:variable name="f"><xsl:call-template name="error-form"><xsl:with-param name="field" select="@field"/></xsl:call-template></xsl:variable>
            <li><a href="#{$f}-{@field}"><xsl:value-of select="."/></a></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:apply-templates select="$c/passed"/>
    <xsl:if test="$c/@log">
      <div class="callout">
        <p>
          <xsl:value-of select="i:t('This concern is part of the child’s relay log. The case goes on there.')"/>
          <xsl:text> </xsl:text>
          <a href="/logs/{$c/@log}"><xsl:value-of select="i:t('Open the relay log')"/></a>
        </p>
      </div>
    </xsl:if>
    <xsl:if test="$c/@overdue">
      <div class="callout warn-box">
        <p><strong><xsl:value-of select="i:t('The deadline for deciding has passed.')"/></strong><xsl:text> </xsl:text><xsl:value-of select="i:t('Decide the way forward as soon as you can.')"/></p>
      </div>
    </xsl:if>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Child')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$c/@anonymous"><em><xsl:value-of select="i:t('Anonymous')"/></em></xsl:when>
          <xsl:otherwise><xsl:value-of select="$c/@child"/></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:value-of select="i:t('Level')"/></dt>
      <dd><xsl:value-of select="$c/@level"/></dd>
      <dt><xsl:value-of select="i:t('Status')"/></dt>
      <dd><xsl:call-template name="log-status"><xsl:with-param name="s" select="$c/@status"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Unit')"/></dt>
      <dd><xsl:value-of select="$c/@unit"/></dd>
      <dt><xsl:value-of select="i:t('Written by')"/></dt>
      <dd>
        <xsl:value-of select="$c/@author"/>
        <xsl:if test="$c/@created">, <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@created"/></xsl:call-template></xsl:if>
      </dd>
      <xsl:if test="$c/@status = 'open'">
        <!-- At level 1 (a concern decided so before level 1 opened a
             relay log) the date is when its measures are evaluated. -->
        <dt>
          <xsl:choose>
            <xsl:when test="$c/@level = '1'"><xsl:value-of select="i:t('Evaluate by')"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="i:t('Decide by')"/></xsl:otherwise>
          </xsl:choose>
        </dt>
        <dd>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@deadline"/></xsl:call-template>
          <xsl:if test="$c/@overdue"><xsl:text> </xsl:text><strong class="tag overdue"><xsl:value-of select="i:t('Past deadline')"/></strong></xsl:if>
        </dd>
      </xsl:if>
    </dl>
    <xsl:if test="$c/@can-decide">
      <xsl:call-template name="decision-form"/>
    </xsl:if>
    <xsl:if test="$c/@can-discuss or $c/agenda-item">
      <xsl:call-template name="discussed-form"/>
    </xsl:if>
    <xsl:if test="$c/@can-report and not($c/@log) and not($c/@urgent and $c/@status != 'closed' and not($c/notices/notice[@kind = 'cw_report']))">
      <section aria-labelledby="cw-title">
        <h2 id="cw-title"><xsl:value-of select="i:t('Report of concern to child welfare')"/></h2>
        <p><xsl:value-of select="i:t('If you believe the child is neglected or harmed at home, you have a duty to tell child welfare. It needs no consent.')"/></p>
        <p><a href="/forms/cw-report?concern={$c/@id}"><xsl:value-of select="i:t('Write a report of concern to child welfare')"/></a></p>
      </section>
    </xsl:if>
    <xsl:if test="$c/notices/notice">
      <section aria-labelledby="notices-title" id="notices">
        <h2 id="notices-title"><xsl:value-of select="i:t('Notices to partners')"/></h2>
        <xsl:for-each select="$c/notices">
          <xsl:call-template name="notices-table"/>
        </xsl:for-each>
      </section>
    </xsl:if>
    <xsl:if test="$c/form">
      <h2><xsl:value-of select="i:t('What was written')"/></h2>
      <xsl:apply-templates select="$c/form" mode="show"/>
    </xsl:if>
    <xsl:if test="$c/events/event">
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title"><xsl:value-of select="i:t('Timeline')"/></h2>
        <ol class="timeline">
          <xsl:apply-templates select="$c/events/event" mode="timeline">
            <xsl:with-param name="links" select="false()"/>
          </xsl:apply-templates>
        </ol>
      </section>
    </xsl:if>
    <p><a href="/"><xsl:value-of select="i:t('Back to the start page')"/></a></p>
  </xsl:template>

  <!-- ======================================= an urgent concern: now -->
  <!-- What to do now about an urgent concern, in this order: phone
       the child welfare emergency service (its number when the
       municipality configured it, 112 when a life is in danger), write
       the report of concern (prefilled from this concern), and do not
       talk with the guardians first. first: the page's first heading. -->
  <xsl:template name="call-now">
    <xsl:param name="first" select="false()"/>
    <xsl:variable name="c" select="/page/concern"/>
    <xsl:variable name="reports" select="$c/notices/notice[@kind = 'cw_report']"/>
    <section class="callout urgent call-now" id="call-now" aria-labelledby="call-now-title">
      <xsl:choose>
        <xsl:when test="$first">
          <h1 id="call-now-title"><xsl:value-of select="i:t('Phone the child welfare emergency service now')"/></h1>
        </xsl:when>
        <xsl:otherwise>
          <h2 id="call-now-title"><xsl:value-of select="i:t('Urgent: phone the child welfare emergency service')"/></h2>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$c/@emergency-tel">
          <p class="lead">
            <xsl:value-of select="i:t('The child may be in danger now. Phone the child welfare emergency service (barnevernvakten) at once, if you have not already:')"/>
            <xsl:text> </xsl:text>
            <a class="tel" href="tel:{$c/@emergency-tel}"><xsl:value-of select="$c/@emergency-phone"/></a>
          </p>
        </xsl:when>
        <xsl:otherwise>
          <p class="lead"><xsl:value-of select="i:t('The child may be in danger now. Phone the child welfare emergency service (barnevernvakten) of your municipality at once, if you have not already.')"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <p><strong><xsl:value-of select="i:t('If a life or health is in danger, or you cannot reach the child welfare emergency service, phone the police on 112.')"/></strong></p>
      <xsl:choose>
        <xsl:when test="$reports">
          <p>
            <xsl:variable name="on"><xsl:call-template name="date"><xsl:with-param name="d" select="substring($reports[1]/@created, 1, 10)"/></xsl:call-template></xsl:variable>
            <xsl:value-of select="i:t('A report of concern to child welfare was made on {0}.', $on)"/>
            <xsl:text> </xsl:text>
            <a href="#notices"><xsl:value-of select="i:t('See whether it has arrived')"/></a>
          </p>
        </xsl:when>
        <xsl:when test="$c/@can-report">
          <p class="call-to-action">
            <a class="button primary big" href="/forms/cw-report?concern={$c/@id}"><xsl:value-of select="i:t('Write the report of concern to child welfare')"/></a>
          </p>
          <p>
            <xsl:value-of select="i:t('Then send the report of concern: it is filled in with what the concern says, so you check it and add what is missing. It needs no consent.')"/>
            <xsl:if test="$c/@anonymous">
              <xsl:text> </xsl:text>
              <xsl:value-of select="i:t('The concern is anonymous: give the child’s name and identity number in the report. Child welfare needs them to help the child.')"/>
            </xsl:if>
          </p>
        </xsl:when>
      </xsl:choose>
      <p><xsl:call-template name="guardians-not-first"/></p>
    </section>
  </xsl:template>

  <!-- The rule about the guardians when a child may be harmed at home. -->
  <xsl:template name="guardians-not-first">
    <xsl:choose>
      <xsl:when test="/page/concern/@violence">
        <xsl:value-of select="i:t('The concern names violence or abuse: do not talk with the guardians about it first. Child welfare decides when and how they are told.')"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="i:t('If you suspect violence or abuse, do not talk with the guardians about it first. Child welfare decides when and how they are told.')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- On the receipt: who decides what happens next. The unit's leader
       is the one told of its concerns, so never "your leader" to them. -->
  <xsl:template name="who-decides">
    <xsl:variable name="c" select="/page/concern"/>
    <xsl:choose>
      <xsl:when test="$c/@reader-leads and $c/@urgent">
        <p><xsl:value-of select="i:t('You lead the unit, so you decide the way forward, and at once: an urgent concern does not wait for the deadline.')"/></p>
      </xsl:when>
      <xsl:when test="$c/@reader-leads">
        <p><xsl:value-of select="i:t('You lead the unit, so the decision is yours.')"/></p>
      </xsl:when>
      <xsl:when test="$c/@urgent">
        <p><xsl:value-of select="i:t('Your leader has been alerted. Decide the way forward together, at once.')"/></p>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:value-of select="i:t('Your leader has been told, and can help you decide.')"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ================================================== the decision -->
  <xsl:template name="decision-form">
    <xsl:variable name="c" select="/page/concern"/>
    <xsl:variable name="chosen" select="string(/page/typed[@name = 'decision'])"/>
    <xsl:variable name="derr" select="string(/page/error[@field = 'decision'])"/>
    <section aria-labelledby="decide-title" class="panel" id="decide">
      <h2 id="decide-title"><xsl:value-of select="i:t('Decide the way forward')"/></h2>
      <form method="post" action="/concerns/{$c/@id}/level" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <!-- the level the decision is made on: a decision made meanwhile
             by someone else makes this one stale (409), not a second one -->
        <input type="hidden" name="from_level" value="{$c/@level}"/>
        <fieldset>
          <xsl:attribute name="class">field choices<xsl:if test="$derr != ''"> has-error</xsl:if></xsl:attribute>
          <xsl:attribute name="aria-describedby">decision-decision-hint<xsl:if test="$derr != ''"> decision-decision-error</xsl:if></xsl:attribute>
          <legend>
            <xsl:value-of select="i:t('What happens next?')"/>
            <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
          </legend>
          <div class="hint" id="decision-decision-hint">
            <xsl:variable name="by"><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@deadline"/></xsl:call-template></xsl:variable>
            <xsl:choose>
              <xsl:when test="$c/@urgent">
                <xsl:value-of select="i:t('The concern is urgent: decide at once, by {0} at the latest.', $by)"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="guardians-not-first"/>
              </xsl:when>
              <xsl:when test="$c/@violence">
                <xsl:value-of select="i:t('Decide by {0}.', $by)"/>
                <xsl:text> </xsl:text>
                <xsl:call-template name="guardians-not-first"/>
              </xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="i:t('Decide by {0}. Talk with the guardians first when you can.', $by)"/>
              </xsl:otherwise>
            </xsl:choose>
          </div>
          <xsl:call-template name="choices-error">
            <xsl:with-param name="id" select="'decision-decision'"/>
            <xsl:with-param name="error" select="$derr"/>
          </xsl:call-template>
          <xsl:call-template name="decision-choice">
            <xsl:with-param name="value" select="'close'"/>
            <xsl:with-param name="id" select="'decision-decision'"/>
            <xsl:with-param name="chosen" select="$chosen"/>
            <xsl:with-param name="label" select="i:t('Close: the concern is resolved, or there is nothing more to do')"/>
          </xsl:call-template>
          <xsl:if test="$c/@level != '1'">
            <xsl:call-template name="decision-choice">
              <xsl:with-param name="value" select="'1'"/>
              <xsl:with-param name="id" select="'decision-decision-1'"/>
              <xsl:with-param name="chosen" select="$chosen"/>
              <xsl:with-param name="label" select="i:t('Level 1: measures in your own service; opens the child’s relay log to plan and evaluate them')"/>
            </xsl:call-template>
          </xsl:if>
          <xsl:call-template name="decision-choice">
            <xsl:with-param name="value" select="'2'"/>
            <xsl:with-param name="id" select="'decision-decision-2'"/>
            <xsl:with-param name="chosen" select="$chosen"/>
            <xsl:with-param name="label" select="i:t('Level 2: cooperation with other services; opens the child’s relay log')"/>
          </xsl:call-template>
          <xsl:call-template name="decision-choice">
            <xsl:with-param name="value" select="'3'"/>
            <xsl:with-param name="id" select="'decision-decision-3'"/>
            <xsl:with-param name="chosen" select="$chosen"/>
            <xsl:with-param name="label" select="i:t('Level 3: complex cooperation with several services; opens the child’s relay log')"/>
          </xsl:call-template>
        </fieldset>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'decision-reason'"/>
          <xsl:with-param name="name" select="'reason'"/>
          <xsl:with-param name="label" select="i:t('Why?')"/>
          <xsl:with-param name="type" select="'textarea'"/>
          <xsl:with-param name="rows" select="'3'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="maxlength" select="'4000'"/>
          <xsl:with-param name="hint" select="i:t('Recorded in the timeline. The guardians can read it if a relay log is opened.')"/>
          <xsl:with-param name="value" select="string(/page/typed[@name = 'reason'])"/>
          <xsl:with-param name="error" select="string(/page/error[@field = 'reason'])"/>
        </xsl:call-template>
        <xsl:if test="$c/@anonymous">
          <fieldset class="group">
            <legend><xsl:value-of select="i:t('The child (for level 1, 2 and 3)')"/></legend>
            <p class="hint"><xsl:value-of select="i:t('A relay log is about a named child, so level 1, 2 and 3 need the child’s name and the national identity number, the date of birth or, before the birth, the expected date. Leave these empty to close.')"/></p>
            <xsl:call-template name="field">
              <xsl:with-param name="id" select="'decision-child_name'"/>
              <xsl:with-param name="name" select="'child_name'"/>
              <xsl:with-param name="label" select="i:t('The child’s name')"/>
              <xsl:with-param name="maxlength" select="'200'"/>
              <xsl:with-param name="autocomplete" select="'off'"/>
              <xsl:with-param name="value" select="string(/page/typed[@name = 'child_name'])"/>
              <xsl:with-param name="error" select="string(/page/error[@field = 'child_name'])"/>
            </xsl:call-template>
            <xsl:call-template name="field">
              <xsl:with-param name="id" select="'decision-child_nin'"/>
              <xsl:with-param name="name" select="'child_nin'"/>
              <xsl:with-param name="label" select="i:t('National identity number (11 digits)')"/>
              <xsl:with-param name="maxlength" select="'11'"/>
              <xsl:with-param name="class" select="'short'"/>
              <xsl:with-param name="autocomplete" select="'off'"/>
              <xsl:with-param name="inputmode" select="'numeric'"/>
              <xsl:with-param name="hint" select="i:t('For your safety it is never shown again: type it again if the form comes back.')"/>
              <xsl:with-param name="error" select="string(/page/error[@field = 'child_nin'])"/>
            </xsl:call-template>
            <xsl:call-template name="field">
              <xsl:with-param name="id" select="'decision-child_birthdate'"/>
              <xsl:with-param name="name" select="'child_birthdate'"/>
              <xsl:with-param name="label" select="i:t('Or the date of birth')"/>
              <xsl:with-param name="type" select="'date'"/>
              <xsl:with-param name="class" select="'short'"/>
              <xsl:with-param name="value" select="string(/page/typed[@name = 'child_birthdate'])"/>
              <xsl:with-param name="error" select="string(/page/error[@field = 'child_birthdate'])"/>
            </xsl:call-template>
            <xsl:call-template name="field">
              <xsl:with-param name="id" select="'decision-child_expected'"/>
              <xsl:with-param name="name" select="'child_expected'"/>
              <xsl:with-param name="label" select="i:t('Or, if the child is not born yet, the expected date')"/>
              <xsl:with-param name="type" select="'date'"/>
              <xsl:with-param name="class" select="'short'"/>
              <xsl:with-param name="value" select="string(/page/typed[@name = 'child_expected'])"/>
              <xsl:with-param name="error" select="string(/page/error[@field = 'child_expected'])"/>
            </xsl:call-template>
          </fieldset>
        </xsl:if>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Save the decision')"/></button>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="decision-choice">
    <xsl:param name="value"/>
    <xsl:param name="id"/>
    <xsl:param name="chosen"/>
    <xsl:param name="label"/>
    <div class="choice">
      <input type="radio" id="{$id}" name="decision" value="{$value}">
        <xsl:if test="$chosen = $value"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <label for="{$id}"><xsl:value-of select="$label"/></label>
    </div>
  </xsl:template>

  <!-- ============================ a concern passed to the child's log -->
  <!-- Its author reads that it was passed on (and the answer, if one
       came); those it was passed to see the log and decide. -->
  <xsl:template match="passed">
    <xsl:variable name="c" select=".."/>
    <div class="callout" role="status">
      <xsl:choose>
        <xsl:when test="@log">
          <p>
            <xsl:value-of select="i:t('This concern was passed to the relay log {0}, because the child already has an open relay log that its author does not take part in.', @reference)"/>
            <xsl:text> </xsl:text>
            <a href="/logs/{@log}"><xsl:value-of select="i:t('Open the relay log')"/></a>
          </p>
          <xsl:choose>
            <xsl:when test="@state = 'pending'"><p><xsl:value-of select="i:t('It waits for the relay holder (or the leader of the log’s unit) to take it into the log or to answer its author. The author is told only that it was passed on.')"/></p></xsl:when>
            <xsl:when test="@state = 'taken'"><p><xsl:value-of select="i:t('It was taken into the relay log.')"/></p></xsl:when>
          </xsl:choose>
        </xsl:when>
        <xsl:otherwise>
          <p><xsl:value-of select="i:t('The concern has been passed to the people responsible for the child’s follow-up. They decide what happens next, and may contact you.')"/></p>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="answer">
        <h2><xsl:value-of select="i:t('Answer from the people responsible')"/></h2>
        <p class="text"><xsl:value-of select="answer"/></p>
        <p class="muted"><xsl:call-template name="date"><xsl:with-param name="d" select="answer/@at"/></xsl:call-template></p>
      </xsl:if>
    </div>
    <xsl:if test="@can-receive">
      <xsl:call-template name="receive-form"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="receive-form">
    <xsl:variable name="c" select="/page/concern"/>
    <xsl:variable name="chosen" select="string(/page/typed[@name = 'decision'])"/>
    <xsl:variable name="derr" select="string(/page/error[@field = 'decision'])"/>
    <section aria-labelledby="receive-title" class="panel" id="receive">
      <h2 id="receive-title"><xsl:value-of select="i:t('Take the concern in, or answer its author')"/></h2>
      <form method="post" action="/concerns/{$c/@id}/receive" novalidate="novalidate">
        <input type="hidden" name="csrf" value="{/page/csrf}"/>
        <input type="hidden" name="idem" value="{/page/idem}"/>
        <fieldset>
          <xsl:attribute name="class">field choices<xsl:if test="$derr != ''"> has-error</xsl:if></xsl:attribute>
          <xsl:if test="$derr != ''"><xsl:attribute name="aria-describedby">receive-decision-error</xsl:attribute></xsl:if>
          <legend>
            <xsl:value-of select="i:t('What do you do with it?')"/>
            <span class="req"><xsl:text> </xsl:text><xsl:value-of select="i:t('(required)')"/></span>
          </legend>
          <xsl:call-template name="choices-error">
            <xsl:with-param name="id" select="'receive-decision'"/>
            <xsl:with-param name="error" select="$derr"/>
          </xsl:call-template>
          <div class="choice">
            <input type="radio" id="receive-decision" name="decision" value="take">
              <xsl:if test="$chosen = 'take'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="receive-decision"><xsl:value-of select="i:t('Take it into the relay log (its author can then be added as a participant, within consent)')"/></label>
          </div>
          <div class="choice">
            <input type="radio" id="receive-decision-answer" name="decision" value="answer">
              <xsl:if test="$chosen = 'answer'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <label for="receive-decision-answer"><xsl:value-of select="i:t('Answer its author without taking it in')"/></label>
          </div>
        </fieldset>
        <xsl:call-template name="field">
          <xsl:with-param name="id" select="'receive-answer'"/>
          <xsl:with-param name="name" select="'answer'"/>
          <xsl:with-param name="label" select="i:t('Answer to the author, or a note for the log')"/>
          <xsl:with-param name="type" select="'textarea'"/>
          <xsl:with-param name="rows" select="'3'"/>
          <xsl:with-param name="maxlength" select="'4000'"/>
          <xsl:with-param name="hint" select="i:t('An answer is shown to the concern’s author; say nothing they may not know (the log, its level, who holds it) unless the guardians agree. Required when you answer.')"/>
          <xsl:with-param name="value" select="string(/page/typed[@name = 'answer'])"/>
          <xsl:with-param name="error" select="string(/page/error[@field = 'answer'])"/>
        </xsl:call-template>
        <button type="submit" class="primary"><xsl:value-of select="i:t('Save')"/></button>
      </form>
    </section>
  </xsl:template>

  <!-- ======================================= an anonymous discussion -->
  <!-- The teams the concern was put before (agenda-item: team, starts,
       status, advice) and, to its author and their leader while it is
       open, the meetings it may be put on (open-meeting) and the record
       of a discussion in a team outside stafett. -->
  <xsl:template name="discussed-form">
    <xsl:variable name="c" select="/page/concern"/>
    <xsl:variable name="e" select="/page/error[@field = 'team' or @field = 'advice']"/>
    <xsl:variable name="ea" select="/page/error[@field = 'meeting']"/>
    <section aria-labelledby="discussed-title" id="discussed">
      <h2 id="discussed-title"><xsl:value-of select="i:t('Discuss it anonymously in a team')"/></h2>
      <p>
        <xsl:value-of select="i:t('A team can give advice without the guardians’ consent when nothing identifies the child.')"/>
        <xsl:text> </xsl:text>
        <a href="/concerns/{$c/@id}/anonymous"><xsl:value-of select="i:t('Show the anonymous version to read out or print')"/></a>
      </p>
      <xsl:if test="$c/agenda-item">
        <ul class="agenda-items">
          <xsl:for-each select="$c/agenda-item">
            <li>
              <strong><xsl:value-of select="@team"/></strong>
              <xsl:text>, </xsl:text>
              <xsl:call-template name="datetime"><xsl:with-param name="d" select="@starts"/></xsl:call-template>
              <xsl:text>, </xsl:text>
              <xsl:value-of select="@place"/>
              <xsl:text> </xsl:text>
              <xsl:call-template name="agenda-state"><xsl:with-param name="s" select="@status"/></xsl:call-template>
              <xsl:if test="advice">
                <blockquote class="advice">
                  <p><xsl:value-of select="advice"/></p>
                  <footer>
                    <xsl:value-of select="advice/@by"/>
                    <xsl:text>, </xsl:text>
                    <xsl:call-template name="date"><xsl:with-param name="d" select="advice/@at"/></xsl:call-template>
                  </footer>
                </blockquote>
              </xsl:if>
              <xsl:if test="@status = 'waiting' and $c/@can-discuss">
                <form method="post" action="/agenda/{@id}/withdraw" class="inline">
                  <input type="hidden" name="csrf" value="{/page/csrf}"/>
                  <input type="hidden" name="idem" value="{/page/idem}"/>
                  <button type="submit" class="secondary"><xsl:value-of select="i:t('Take it off the agenda')"/><span class="visually-hidden"><xsl:text>: </xsl:text><xsl:value-of select="@team"/></span></button>
                </form>
              </xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:if>
      <xsl:if test="$c/@can-discuss">
        <xsl:choose>
          <xsl:when test="$c/open-meeting">
            <form method="post" action="/concerns/{$c/@id}/agenda" novalidate="novalidate" id="agenda">
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <input type="hidden" name="idem" value="{/page/idem}"/>
              <div>
                <xsl:attribute name="class">field<xsl:if test="$ea"> has-error</xsl:if></xsl:attribute>
                <label for="agenda-meeting"><xsl:value-of select="i:t('Put it on the agenda of a team meeting')"/></label>
                <div class="hint" id="agenda-meeting-hint"><xsl:value-of select="i:t('The team’s members read the anonymous version before the meeting. Come to the meeting to present it; the advice comes back here.')"/></div>
                <xsl:call-template name="choices-error">
                  <xsl:with-param name="id" select="'agenda-meeting'"/>
                  <xsl:with-param name="error" select="string($ea)"/>
                </xsl:call-template>
                <select id="agenda-meeting" name="meeting">
                  <xsl:attribute name="aria-describedby">agenda-meeting-hint<xsl:if test="$ea"> agenda-meeting-error</xsl:if></xsl:attribute>
                  <xsl:if test="$ea"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
                  <xsl:for-each select="$c/open-meeting">
                    <option value="{@id}">
                      <xsl:if test="/page/typed[@name = 'meeting'] = @id"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:value-of select="@team"/>
                      <xsl:text>: </xsl:text>
                      <xsl:call-template name="datetime"><xsl:with-param name="d" select="@starts"/></xsl:call-template>
                      <xsl:text>, </xsl:text>
                      <xsl:value-of select="@place"/>
                    </option>
                  </xsl:for-each>
                </select>
              </div>
              <button type="submit" class="primary"><xsl:value-of select="i:t('Put it on the agenda')"/></button>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <p class="none"><xsl:value-of select="i:t('No discussion team has a meeting planned. The teams and how to reach them are listed under Teams.')"/><xsl:text> </xsl:text><a href="/teams"><xsl:value-of select="i:t('Teams')"/></a></p>
          </xsl:otherwise>
        </xsl:choose>
        <details class="action">
          <xsl:if test="$e"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary><xsl:value-of select="i:t('Record the advice of a team outside stafett')"/></summary>
          <form method="post" action="/concerns/{$c/@id}/discussed" novalidate="novalidate">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <input type="hidden" name="idem" value="{/page/idem}"/>
            <xsl:call-template name="field">
              <xsl:with-param name="id" select="'discussed-team'"/>
              <xsl:with-param name="name" select="'team'"/>
              <xsl:with-param name="label" select="i:t('Which team?')"/>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength" select="'200'"/>
              <xsl:with-param name="hint" select="i:t('For example the interdisciplinary team of the kindergarten.')"/>
              <xsl:with-param name="value" select="string(/page/typed[@name = 'team'])"/>
              <xsl:with-param name="error" select="string($e[@field = 'team'])"/>
            </xsl:call-template>
            <xsl:call-template name="field">
              <xsl:with-param name="id" select="'discussed-advice'"/>
              <xsl:with-param name="name" select="'advice'"/>
              <xsl:with-param name="label" select="i:t('The team’s advice')"/>
              <xsl:with-param name="type" select="'textarea'"/>
              <xsl:with-param name="required" select="true()"/>
              <xsl:with-param name="maxlength" select="'4000'"/>
              <xsl:with-param name="value" select="string(/page/typed[@name = 'advice'])"/>
              <xsl:with-param name="error" select="string($e[@field = 'advice'])"/>
            </xsl:call-template>
            <button type="submit" class="primary"><xsl:value-of select="i:t('Save the advice')"/></button>
          </form>
        </details>
      </xsl:if>
    </section>
  </xsl:template>
</xsl:stylesheet>
